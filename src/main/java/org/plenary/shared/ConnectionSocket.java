package org.plenary.shared;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of a request's connection, reached through Tomcat's own objects (the servlet request's Catalina
 * request, its Coyote request's processor, the processor's socket wrapper and NIO channel), which Tomcat offers no
 * public way to: the one path {@link SocketSendfile} writes to (a plain HTTP/1.1 connection only) and the web
 * module's slow-reader gate closes (any connection of the NIO connector, TLS too). Empty for another connector, a
 * request no longer on its connection, or a Tomcat whose classes are not the ones expected (said once, at INFO:
 * files then go through the servlet stream, and slow readers are not cut).
 *
 * @param channel the connection's socket
 * @param plainHttp11 whether the connection is HTTP/1.1 without TLS: bytes written to the socket reach the client as
 *     they are (TLS would have to encrypt them, HTTP/2 to frame them)
 * @param writeTimeoutMillis Tomcat's write timeout for the connection
 */
public record ConnectionSocket(SocketChannel channel, boolean plainHttp11, long writeTimeoutMillis) {

  private static final Logger log = LoggerFactory.getLogger(ConnectionSocket.class);
  private static final String FACADE = "org.apache.catalina.connector.RequestFacade";
  private static final String HTTP11 = "org.apache.coyote.http11.Http11Processor";
  /** The reflective steps, or null when this Tomcat does not have them. */
  private static final Reach PATH = Reach.find();

  /** The socket of {@code request}'s connection, through any request wrappers. */
  public static Optional<ConnectionSocket> of(ServletRequest request) {
    ServletRequest facade = request;
    while (facade instanceof ServletRequestWrapper wrapper) {
      facade = wrapper.getRequest();
    }
    if (PATH == null || !FACADE.equals(facade.getClass().getName())) {
      return Optional.empty();
    }
    try {
      return PATH.request.get(facade) instanceof org.apache.catalina.connector.Request catalina
          ? of(catalina.getCoyoteRequest()) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("No socket for this request", e);
      return Optional.empty();
    }
  }

  /** The socket of the connection {@code request} is on, while it is (a recycled request has none). */
  public static Optional<ConnectionSocket> of(org.apache.coyote.Request request) {
    if (PATH == null || request == null) {
      return Optional.empty();
    }
    try {
      Object processor = PATH.hook.get(request);
      if (!PATH.wrapper.getDeclaringClass().isInstance(processor)
          || !(PATH.wrapper.invoke(processor) instanceof SocketWrapperBase<?> wrapper)
          || !(wrapper.getSocket() instanceof NioChannel nio) || !(nio.getIOChannel() instanceof SocketChannel socket)
          || !socket.isOpen()) {
        return Optional.empty();
      }
      // Exactly the plain channel: its subclass SecureNioChannel encrypts what it writes.
      boolean plain = HTTP11.equals(processor.getClass().getName()) && nio.getClass() == NioChannel.class;
      return Optional.of(new ConnectionSocket(socket, plain, wrapper.getWriteTimeout()));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("No socket for this request", e);
      return Optional.empty();
    }
  }

  /** Tomcat's members that are not public, from a request to its connection, looked up once. */
  private record Reach(Field request, Field hook, Method wrapper) {

    static Reach find() {
      try {
        ClassLoader loader = ConnectionSocket.class.getClassLoader();
        Field request = Class.forName(FACADE, false, loader).getDeclaredField("request");
        request.setAccessible(true);
        Field hook = org.apache.coyote.Request.class.getDeclaredField("hook");
        hook.setAccessible(true);
        Method wrapper = Class.forName("org.apache.coyote.AbstractProcessor", false, loader)
            .getDeclaredMethod("getSocketWrapper");
        wrapper.setAccessible(true);
        return new Reach(request, hook, wrapper);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        log.info("This web server's sockets are out of reach ({}): files go through the servlet stream, and slow "
            + "readers are not cut", e.toString());
        return null;
      }
    }
  }
}
