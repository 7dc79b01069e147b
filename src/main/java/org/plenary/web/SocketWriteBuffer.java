package org.plenary.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Each connection's socket buffers. Tomcat copies every body byte that does not go out by sendfile
 * (a folder's ZIP, pages, JSON) into the connection's write buffer and writes it to the socket one
 * buffer at a time: at Tomcat's 8 KiB default a 1 GiB ZIP takes 131,072 copies and write calls, the
 * cost that kept {@code in.zip} at 0.45 of a sendfile download. Each connection holds one such
 * buffer, so it stays modest: 64 KiB by default ({@code plenary.http.socket-write-buffer}).
 * The buffers are direct (outside the heap): a heap buffer is copied once more, by the JDK, into a
 * temporary direct buffer at every write call.
 */
@Component
class SocketWriteBuffer implements TomcatConnectorCustomizer {

  private final DataSize size;

  SocketWriteBuffer(@Value("${plenary.http.socket-write-buffer:64KB}") DataSize size) {
    this.size = size;
  }

  @Override
  public void customize(org.apache.catalina.connector.Connector connector) {
    if (!connector.setProperty("socket.appWriteBufSize", Long.toString(size.toBytes()))
        || !connector.setProperty("socket.directBuffer", "true")) {
      throw new IllegalStateException("This Tomcat connector does not take socket.appWriteBufSize and socket.directBuffer.");
    }
  }
}
