package org.plenary.contribution;

import java.nio.file.Files;
import java.util.UUID;
import org.plenary.S3Proxy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ReplaceWhileDownloading} on an S3 store (S3Proxy on a scratch folder): ranged GETs of objects. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-replace-s3;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/s3-${random.uuid}", "plenary.ftp.port=0", "plenary.documents.store=s3",
    "plenary.documents.s3.path-style=true"})
@ActiveProfiles("demo")
class ReplaceWhileDownloadingS3Tests extends ReplaceWhileDownloading {

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) throws Exception {
    S3Proxy proxy = S3Proxy.start(Files.createTempDirectory("plenary-s3-replace"));
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
    registry.add("plenary.documents.s3.endpoint", proxy::endpoint);
    registry.add("plenary.documents.s3.bucket", () -> "plenary-" + UUID.randomUUID().toString().substring(0, 8));
    registry.add("plenary.documents.s3.access-key", () -> S3Proxy.ACCESS_KEY);
    registry.add("plenary.documents.s3.secret-key", () -> S3Proxy.SECRET_KEY);
  }
}
