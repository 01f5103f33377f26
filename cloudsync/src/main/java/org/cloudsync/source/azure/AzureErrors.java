package org.cloudsync.source.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudsync.config.Redaction;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.SourceException;
import reactor.core.Exceptions;

/**
 * Turns what the Azure SDK throws into {@link SourceException}s with the project's codes. The
 * service's error code comes from the {@code x-ms-error-code} header or the {@code <Code>} of the
 * XML error body; the SAS failures are told apart by the body's {@code
 * <AuthenticationErrorDetail>}.
 */
final class AzureErrors {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<\\n]*)");
  private static final Pattern DETAIL =
      Pattern.compile("<AuthenticationErrorDetail>([^<]*)</AuthenticationErrorDetail>");
  private static final Pattern SOURCE_IP = Pattern.compile("source IP (\\S+?)\\.?(\\s|$)");

  private AzureErrors() {}

  /**
   * The failure of {@code operation} ("list", "download") on {@code where} (a redacted
   * description), about blob {@code blob} (null for the container).
   */
  static SourceException map(Throwable thrown, String where, String operation, String blob) {
    Throwable failure = Exceptions.unwrap(thrown);
    String subject = blob == null ? where : "blob '" + blob + "' in " + where;
    HttpResponseException http = find(failure, HttpResponseException.class);
    if (http != null) {
      return fromResponse(http, subject, operation, blob);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return unreachable(
            subject,
            operation,
            "unknown host " + t.getMessage(),
            true,
            t,
            "check the account name in the SAS URL and this server's DNS");
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return unreachable(
            subject,
            operation,
            "connection refused or no route",
            true,
            t,
            "check this server's network and firewall toward Azure Storage (port 443)");
      }
      if (t instanceof TimeoutException
          || t instanceof SocketTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return unreachable(
            subject,
            operation,
            "timed out",
            true,
            t,
            "check this server's network toward Azure Storage; the next run tries again");
      }
      if (t instanceof IOException) {
        return unreachable(
            subject,
            operation,
            "connection failed: " + t.getMessage(),
            true,
            t,
            "check this server's network toward Azure Storage; the next run tries again");
      }
    }
    return unreachable(
        subject,
        operation,
        "unexpected failure: " + failure,
        false,
        failure,
        "try again; if it persists, report it with this message");
  }

  private static SourceException fromResponse(
      HttpResponseException e, String subject, String operation, String blob) {
    int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    String body = e.getValue() == null ? "" : e.getValue().toString();
    if (e instanceof BlobStorageException b && b.getServiceMessage() != null) {
      body = body + "\n" + b.getServiceMessage();
    }
    body = body + "\n" + e.getMessage();
    String code =
        e.getResponse() == null ? null : e.getResponse().getHeaderValue("x-ms-error-code");
    if (code == null && e instanceof BlobStorageException b && b.getErrorCode() != null) {
      code = b.getErrorCode().toString();
    }
    if (code == null) {
      code = first(CODE, body);
    }
    code = code == null ? "" : code;
    String detail = first(DETAIL, body);
    String message = first(MESSAGE, body);
    String said = detail != null ? detail : message != null ? message : "no error detail";
    String facts =
        subject + ": " + operation + " failed: HTTP " + status + " " + code + ": " + said.strip();
    String lowerDetail = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
    switch (code) {
      case "AuthenticationFailed":
        if (lowerDetail.contains("signature not valid in the specified time frame")
            || lowerDetail.contains("after signed start time")) {
          return permanent(ErrorCode.SAS_EXPIRED, facts, SasUrl.RENEW_HINT);
        }
        if (lowerDetail.contains("signature did not match")) {
          return permanent(
              ErrorCode.SAS_SIGNATURE_MISMATCH,
              facts,
              "the SAS URL was altered or its key rotated; " + SasUrl.RENEW_HINT);
        }
        return permanent(ErrorCode.ACCESS_DENIED, facts, SasUrl.RENEW_HINT);
      case "AuthorizationSourceIPMismatch":
        String ip = message == null ? null : first(SOURCE_IP, message);
        return permanent(
            ErrorCode.SAS_IP_NOT_ALLOWED,
            facts,
            "ask eCW to allow-list this server's public IP " + (ip == null ? "" : ip).strip(),
            "Azure saw the request come from that address; it must match the SAS URL's sip");
      case "AuthorizationPermissionMismatch":
        return permanent(
            ErrorCode.SAS_PERMISSION_MISSING,
            facts,
            "ask eCW for a container SAS URL with read and list permissions (sp=rl)");
      case "ContainerNotFound":
        return permanent(
            ErrorCode.CONTAINER_NOT_FOUND,
            facts,
            "check the container name in the SAS URL; ask eCW whether the container moved");
      case "BlobNotFound":
        return permanent(
            ErrorCode.BLOB_VANISHED,
            subject + ": deleted between listing and downloading (HTTP 404 BlobNotFound)",
            "nothing to do: the next run lists the container again");
      case "ConditionNotMet":
        return permanent(
            ErrorCode.BLOB_CHANGED,
            subject + ": replaced between listing and downloading (HTTP 412 ConditionNotMet)",
            "nothing to do: the next run fetches the new version");
      default:
        break;
    }
    if (status == 404 && blob != null) {
      return permanent(
          ErrorCode.BLOB_VANISHED,
          subject + ": deleted between listing and downloading (HTTP 404)",
          "nothing to do: the next run lists the container again");
    }
    if (status == 412) {
      return permanent(
          ErrorCode.BLOB_CHANGED,
          subject + ": replaced between listing and downloading (HTTP 412)",
          "nothing to do: the next run fetches the new version");
    }
    if (status == 404) {
      return permanent(ErrorCode.CONTAINER_NOT_FOUND, facts, "check the SAS URL's container");
    }
    if (status == 401 || status == 403) {
      return permanent(ErrorCode.ACCESS_DENIED, facts, SasUrl.RENEW_HINT);
    }
    boolean retry = status == 408 || status == 429 || status >= 500;
    return new SourceException(
        ErrorCode.SOURCE_UNREACHABLE,
        Redaction.redact(facts),
        List.of(
            retry
                ? "Azure Storage is busy or failing; the next run tries again"
                : "unexpected answer from Azure Storage; report it with this message"),
        retry,
        null);
  }

  private static SourceException permanent(ErrorCode code, String facts, String... hints) {
    return new SourceException(code, Redaction.redact(facts), List.of(hints), false, null);
  }

  private static SourceException unreachable(
      String subject, String operation, String what, boolean retry, Throwable cause, String hint) {
    return new SourceException(
        ErrorCode.SOURCE_UNREACHABLE,
        Redaction.redact(subject + ": " + operation + " failed: " + what),
        List.of(hint),
        retry,
        new SanitizedCause(cause));
  }

  private static <T> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /**
   * Keeps a failure's type and stack for debugging with every message redacted, since transport
   * exceptions may quote the request URL.
   */
  static final class SanitizedCause extends Exception {
    SanitizedCause(Throwable original) {
      super(
          original.getClass().getName() + ": " + Redaction.redact(original.getMessage()),
          original.getCause() == null || original.getCause() == original
              ? null
              : new SanitizedCause(original.getCause()),
          false,
          true);
      setStackTrace(original.getStackTrace());
    }
  }
}
