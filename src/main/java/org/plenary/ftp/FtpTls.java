package org.plenary.ftp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.plenary.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for explicit FTPS (AUTH TLS) and implicit FTPS (its own port): TLS 1.3 or 1.2 on the control connection, TLS 1.2 on data
 * connections (see {@link #dataHandler}), forward-secret cipher suites only on both (ECDHE or DHE
 * key exchange with AEAD ciphers in TLS 1.2, as Mozilla's "intermediate" list; every TLS 1.3
 * suite is forward secret): a recorded session cannot be read later with the server's key. The certificate comes from
 * {@code plenary.ftp.tls.keystore}; without one, a self-signed certificate is made with the JDK's
 * keytool into {@code <data-dir>/ftp-tls.p12} the first time a client asks for TLS, and reused.
 */
final class FtpTls {

  private static final Logger log = LoggerFactory.getLogger(FtpTls.class);

  /** The suites offered, TLS 1.3 first; those the JDK lacks are left out. */
  static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private final FtpSettings.Tls settings;
  private final Path dataDir;
  /** The control connection's context and the data connections' one, made together on first use. */
  private record Contexts(SslContext control, SslContext data) {}

  private volatile Contexts contexts;

  FtpTls(FtpSettings.Tls settings, Path dataDir) {
    this.settings = settings;
    this.dataDir = dataDir;
  }

  /** A handler for the control connection after "234": it lets that reply out in clear text first. */
  SslHandler controlHandler(ByteBufAllocator alloc) {
    return new SslHandler(contexts().control().newEngine(alloc), true);
  }

  /**
   * A handler for a connection to the implicit FTPS port: TLS from the first byte, so the "220" waits for the
   * handshake, and the same protocols, suites and certificate as after AUTH TLS.
   */
  SslHandler implicitHandler(ByteBufAllocator alloc) {
    return new SslHandler(contexts().control().newEngine(alloc));
  }

  /**
   * A handler for a data connection under PROT P, in TLS 1.2. Under TLS 1.3 the server sends
   * session tickets after the handshake; a client that only writes (an upload) never reads them,
   * so its operating system resets the connection when it closes it, and the end of the upload
   * cannot be told from a broken one (curl does this about one time in four).
   */
  SslHandler dataHandler(ByteBufAllocator alloc) {
    return contexts().data().newHandler(alloc);
  }

  private Contexts contexts() {
    Contexts current = contexts;
    if (current == null) {
      synchronized (this) {
        if (contexts == null) {
          KeyManagerFactory keys = keys();
          contexts = new Contexts(build(keys, "TLSv1.3", "TLSv1.2"), build(keys, "TLSv1.2"));
        }
        current = contexts;
      }
    }
    return current;
  }

  private static SslContext build(KeyManagerFactory keys, String... protocols) {
    try {
      return SslContextBuilder.forServer(keys).protocols(protocols)
          .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE).build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("TLS could not be set up: " + e.getMessage(), e);
    }
  }

  private KeyManagerFactory keys() {
    try {
      Path keystore;
      char[] password;
      if (settings.keystore().isBlank()) {
        keystore = dataDir.resolve("ftp-tls.p12");
        password = selfSignedPassword(keystore);
      } else {
        keystore = Path.of(settings.keystore());
        password = settings.keystorePassword().toCharArray();
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password);
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      return keys;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("The FTPS certificate could not be loaded: " + e.getMessage(), e);
    }
  }

  /** The password of the self-signed keystore, making both the first time. */
  private char[] selfSignedPassword(Path keystore) throws IOException {
    Path passwordFile = dataDir.resolve("ftp-tls.password");
    if (Files.exists(keystore) && Files.exists(passwordFile)) {
      return Files.readString(passwordFile).strip().toCharArray();
    }
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    PrivateFiles.createDirectories(dataDir);
    // keytool creates its file with the umask's mode: it writes into a folder only we may enter, and
    // the bytes are then written owner-only from the first byte under their real name.
    Path workshop = PrivateFiles.createTempDirectory(dataDir, ".ftp-tls-");
    try {
      Path made = workshop.resolve("ftp-tls.p12");
      keytool(made, password);
      PrivateFiles.write(passwordFile, password.getBytes(StandardCharsets.UTF_8));
      PrivateFiles.write(keystore, Files.readAllBytes(made));
    } finally {
      try (var files = Files.list(workshop)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(workshop);
    }
    log.info("Made a self-signed FTPS certificate in {}; set plenary.ftp.tls.keystore to use your own.", keystore);
    return password.toCharArray();
  }

  private static void keytool(Path keystore, String password) throws IOException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    // The password goes in keytool's environment, not on its command line, which every local user may list.
    var builder = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "plenary-ftp", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "3650", "-dname", "CN=Plenary FTP gateway", "-ext",
        "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass:env", "PLENARY_KEYSTORE_PASSWORD", "-keypass:env", "PLENARY_KEYSTORE_PASSWORD"));
    builder.environment().put("PLENARY_KEYSTORE_PASSWORD", password);
    Process process = builder.redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the certificate", e);
    }
  }
}
