package org.plenary.ftp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The FTP gateway's settings ({@code plenary.ftp.*}); every limit has a safe default. The README
 * lists them all.
 *
 * @param enabled whether the gateway starts at all
 * @param port control port (0 picks a free one)
 * @param address address to listen on; empty for every address
 * @param passivePorts passive data ports, {@code 50000-50100}; empty for any free port
 * @param passiveAddress IPv4 address announced in PASV replies (behind NAT); empty for the control connection's
 * @param activeMode whether PORT/EPRT are accepted (only to the client's own address, ports 1024 and up)
 * @param anonymous whether {@code anonymous}/{@code ftp} may sign in to read public folders
 * @param requireTls refuse password sign-in before AUTH TLS (anonymous reading stays allowed)
 * @param maxConnections connections at once, in all
 * @param maxConnectionsPerAddress connections at once from one address, counted before sign-in
 * @param signInTimeout time allowed from connecting to being signed in
 * @param idleTimeout time a signed-in session may stay silent outside a transfer
 * @param dataTimeout time a data connection may wait to be opened or stay without traffic
 * @param failedSignInDelay how long a wrong password waits before its reply
 * @param maxLineLength longest command line, in bytes
 * @param workerThreads threads that run commands needing the database or the password hash
 * @param implicitTlsPort port of implicit FTPS (TLS from the first byte, data in TLS as after PROT P); -1 for none,
 *     0 picks a free one
 * @param tlsHelloTimeout time a client has to begin its TLS handshake on the implicit port, and on a data connection
 *     under PROT P once "150" is sent; one that stays silent is told it is not speaking TLS
 * @param passiveWait how long a PASV or EPSV over its address's share of the passive range waits for a listener of
 *     that address to end before it is answered 425 (never longer than the data timeout)
 * @param tls the certificate for FTPS
 */
@ConfigurationProperties("plenary.ftp")
public record FtpSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2121") int port,
    @DefaultValue("") String address,
    @DefaultValue("") String passivePorts,
    @DefaultValue("") String passiveAddress,
    @DefaultValue("true") boolean activeMode,
    @DefaultValue("true") boolean anonymous,
    @DefaultValue("false") boolean requireTls,
    @DefaultValue("500") int maxConnections,
    @DefaultValue("20") int maxConnectionsPerAddress,
    @DefaultValue("30s") Duration signInTimeout,
    @DefaultValue("5m") Duration idleTimeout,
    @DefaultValue("60s") Duration dataTimeout,
    @DefaultValue("1s") Duration failedSignInDelay,
    @DefaultValue("4096") int maxLineLength,
    @DefaultValue("16") int workerThreads,
    @DefaultValue("-1") int implicitTlsPort,
    @DefaultValue("5s") Duration tlsHelloTimeout,
    @DefaultValue("5s") Duration passiveWait,
    @DefaultValue Tls tls) {

  /**
   * The FTPS certificate.
   *
   * @param keystore a PKCS#12 file with the key and certificate; empty to make a self-signed one in
   *     {@code <data-dir>/ftp-tls.p12} the first time a client asks for TLS
   * @param keystorePassword its password
   */
  public record Tls(@DefaultValue("") String keystore, @DefaultValue("") String keystorePassword) {}

  /** The first and last passive port, or {0, 0} for any free port. */
  int[] passivePortRange() {
    if (passivePorts.isBlank()) {
      return new int[] {0, 0};
    }
    String[] bounds = passivePorts.strip().split("\\s*-\\s*");
    int first = Integer.parseInt(bounds[0]);
    int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
    if (first < 1024 || last > 65535 || last < first) {
      throw new IllegalArgumentException("plenary.ftp.passive-ports must be a range such as 50000-50100 within 1024-65535.");
    }
    return new int[] {first, last};
  }
}
