package org.cloudsync.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.cloudsync.center.Center;
import org.cloudsync.center.Centers;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.source.azure.AzureBlobSource;
import org.cloudsync.source.azure.SasUrl;
import org.cloudsync.source.directory.DirectorySource;

/**
 * The sources centers are configured with: an Azure container through the center's SAS URL (checked
 * offline first: expiry, permissions, allowed IP range against the configured public IP), or a
 * directory.
 */
public final class CenterSources implements BlobSources {
  private final Centers centers;
  private final Clock clock;
  private final Duration settle;

  /**
   * @param settle how long a file in a directory source must be left alone before it is listed (see
   *     {@link DirectorySource})
   */
  public CenterSources(Centers centers, Clock clock, Duration settle) {
    this.centers = centers;
    this.clock = clock;
    this.settle = settle;
  }

  @Override
  public Opened open(Center center) {
    if ("directory".equals(center.sourceKind())) {
      return new Opened(
          new DirectorySource(Path.of(center.sourceDirectory()), clock, settle), List.of());
    }
    SasUrl sas =
        SasUrl.parse(
            centers
                .sasUrl(center.id())
                .orElseThrow(
                    () ->
                        new CloudsyncException(
                            ErrorCode.CONFIG_INVALID,
                            "center '" + center.id() + "' has an azure source but no SAS URL",
                            "set it with: cloudsync center edit "
                                + center.id()
                                + " --sas-url-file FILE"))
                .reveal());
    List<String> warnings = sas.checkAgainst(clock, center.publicIp());
    return new Opened(new AzureBlobSource(sas), warnings);
  }
}
