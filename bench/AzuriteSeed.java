// Seeds Azurite for the download benchmark: creates a container, uploads one file as a blob with
// its Content-MD5, and writes a read+list container SAS URL to a file. Run as a single-file
// program with the cloudsync jar (which carries the Azure SDK) on the class path:
//   java -cp cloudsync.jar AzuriteSeed.java PORT CONTAINER FILE BLOB MD5_BASE64 SAS_URL_OUT
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;

public class AzuriteSeed {
  // Azurite's well-known development account key (public and documented, not a secret).
  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  public static void main(String[] args) throws Exception {
    String port = args[0];
    BlobContainerClient container =
        new BlobServiceClientBuilder()
            .connectionString(
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                    + KEY
                    + ";BlobEndpoint=http://127.0.0.1:"
                    + port
                    + "/devstoreaccount1;")
            .buildClient()
            .createBlobContainerIfNotExists(args[1]);
    BlobClient blob = container.getBlobClient(args[3]);
    blob.uploadFromFileWithResponse(
        new BlobUploadFromFileOptions(args[2])
            .setHeaders(new BlobHttpHeaders().setContentMd5(Base64.getDecoder().decode(args[4])))
            .setParallelTransferOptions(
                new ParallelTransferOptions().setBlockSizeLong(32L << 20).setMaxConcurrency(4)),
        null,
        null);
    String sas =
        container.generateSas(
            new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusDays(1),
                new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
    Files.writeString(Path.of(args[5]), container.getBlobContainerUrl() + "?" + sas);
  }
}
