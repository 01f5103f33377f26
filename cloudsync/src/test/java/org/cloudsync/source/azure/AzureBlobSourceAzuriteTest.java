package org.cloudsync.source.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudsync.source.BlobSource;
import org.cloudsync.source.BlobSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The contract against the real Azure Storage emulator, reached through a container SAS URL. */
@Tag("azurite")
class AzureBlobSourceAzuriteTest extends BlobSourceContract {
  private static final AtomicInteger CONTAINERS = new AtomicInteger();
  private static Azurite azurite;

  private BlobContainerClient container;
  private String sasUrl;

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() throws Exception {
    if (azurite != null) {
      azurite.close();
    }
  }

  @Override
  protected BlobSource source() {
    container = azurite.createContainer("contract" + CONTAINERS.incrementAndGet());
    sasUrl = azurite.sasUrl(container);
    return new AzureBlobSource(SasUrl.parse(sasUrl));
  }

  @Override
  protected void put(String name, byte[] content) {
    container.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
  }

  @Override
  protected void delete(String name) {
    container.getBlobClient(name).delete();
  }

  @Override
  protected List<String> secrets() {
    String signature = sasUrl.replaceAll(".*[?&]sig=([^&]*).*", "$1");
    return List.of(
        signature, java.net.URLDecoder.decode(signature, java.nio.charset.StandardCharsets.UTF_8));
  }
}
