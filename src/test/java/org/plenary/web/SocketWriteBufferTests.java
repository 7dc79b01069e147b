package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Tomcat's connections write through direct buffers of the size configured. */
class SocketWriteBufferTests {

  @Test
  void connectionsWriteThroughDirectBuffersOfTheConfiguredSize() {
    Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
    assertThat(String.valueOf(connector.getProperty("socket.directBuffer"))).isEqualTo("false");

    new SocketWriteBuffer(DataSize.ofKilobytes(64)).customize(connector);

    assertThat(String.valueOf(connector.getProperty("socket.directBuffer"))).isEqualTo("true");
    assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("65536");
  }
}
