package org.plenary.ftp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.plenary.contribution.IncomingUpload;

/**
 * Data connections (PASV, EPSV, PORT, EPRT) and transfers (RETR, STOR, REST, ABOR); APPE is
 * refused. Active mode connects only to the client's own address, on ports 1024 and up: no
 * FTP bounce.
 */
final class TransferCommands {

  private TransferCommands() {}

  static void addTo(Map<String, Gateway.Command> table) {
    table.put("PASV", new Gateway.Command(true, TransferCommands::pasv));
    table.put("EPSV", new Gateway.Command(true, TransferCommands::epsv));
    table.put("PORT", new Gateway.Command(true, TransferCommands::port));
    table.put("EPRT", new Gateway.Command(true, TransferCommands::eprt));
    table.put("REST", new Gateway.Command(true, TransferCommands::rest));
    table.put("RETR", Gateway.Command.onPath(true, TransferCommands::retr));
    table.put("STOR", Gateway.Command.onPath(true, TransferCommands::stor));
    table.put("APPE", Gateway.Command.onPath(true, (s, a) -> Reply.of(550, "ftp.appe")));
    table.put("ABOR", new Gateway.Command(false, (s, a) -> {
      s.closeData();
      return Reply.of(225, "ftp.abor.none");
    }));
  }

  private static Reply pasv(FtpSession session, String argument) {
    if (session.epsvAll) {
      return Reply.of(503, "ftp.epsvAll.only");
    }
    if (!(session.control().localAddress() instanceof InetSocketAddress local) || !(local.getAddress() instanceof Inet4Address)) {
      return Reply.of(522, "ftp.pasv.ipv4");
    }
    session.closeData(); // a session waits on one listener at most: the old one goes before a new one is claimed
    byte[] address = announcedAddress(session, local.getAddress());
    return DataConnection.passive(session, data -> {
      int port = data.port();
      return Reply.of(227, "ftp.pasv", "(" + (address[0] & 0xFF) + "," + (address[1] & 0xFF) + ","
          + (address[2] & 0xFF) + "," + (address[3] & 0xFF) + "," + (port >> 8) + "," + (port & 0xFF) + ")");
    });
  }

  private static byte[] announcedAddress(FtpSession session, InetAddress local) {
    String configured = session.gateway.settings().passiveAddress();
    if (configured.isBlank()) {
      return local.getAddress();
    }
    try {
      return InetAddress.getByName(configured).getAddress();
    } catch (UnknownHostException e) {
      throw new FtpRefusal(425, "ftp.pasv.misconfigured");
    }
  }

  private static Reply epsv(FtpSession session, String argument) {
    if (argument.equalsIgnoreCase("ALL")) {
      session.epsvAll = true;
      return Reply.of(200, "ftp.epsvAll");
    }
    // RFC 2428: EPSV may name the network protocol wanted; the data connection is offered over the control
    // connection's own (1 IPv4, 2 IPv6), and any other is refused with 522 naming it.
    String protocol = session.clientAddress() instanceof java.net.Inet6Address ? "2" : "1";
    if (!argument.isBlank() && !argument.strip().equals(protocol)) {
      return Reply.of(522, "ftp.epsv.protocol", "(" + protocol + ")");
    }
    session.closeData(); // a session waits on one listener at most: the old one goes before a new one is claimed
    return DataConnection.passive(session, data -> Reply.of(229, "ftp.epsv", "(|||" + data.port() + "|)"));
  }

  private static Reply port(FtpSession session, String argument) {
    String[] parts = argument.split(",");
    if (parts.length != 6) {
      return Reply.of(501, "ftp.port.syntax");
    }
    try {
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        address[i] = (byte) octet(parts[i].strip());
      }
      int port = octet(parts[4].strip()) << 8 | octet(parts[5].strip());
      return active(session, InetAddress.getByAddress(address), port);
    } catch (NumberFormatException | UnknownHostException e) {
      return Reply.of(501, "ftp.port.numbers");
    }
  }

  private static Reply eprt(FtpSession session, String argument) {
    if (argument.length() < 4) {
      return Reply.of(501, "ftp.eprt.syntax");
    }
    String[] parts = argument.substring(1).split(java.util.regex.Pattern.quote(argument.substring(0, 1)), -1);
    if (parts.length < 3 || !(parts[0].equals("1") || parts[0].equals("2"))) {
      return Reply.of(522, "ftp.eprt.protocol");
    }
    if (!parts[1].matches("[0-9A-Fa-f:.]{2,45}")) {
      return Reply.of(501, "ftp.eprt.address");
    }
    InetAddress address;
    try {
      address = literal(parts[0], parts[1]);
    } catch (IllegalArgumentException e) {
      return Reply.of(501, "ftp.eprt.family");
    }
    try {
      return active(session, address, Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      return Reply.of(501, "ftp.eprt.address");
    }
  }

  /**
   * EPRT's address as the literal of the family its protocol names (RFC 2428: 1 IPv4, 2 IPv6). Never
   * looked up: {@code InetAddress.getByName} took a name made of hex digits and dots ({@code dead.beef})
   * for a host name and asked DNS for it on a command worker.
   */
  private static InetAddress literal(String protocol, String text) {
    return protocol.equals("1") ? java.net.Inet4Address.ofLiteral(text) : java.net.Inet6Address.ofLiteral(text);
  }

  private static Reply active(FtpSession session, InetAddress address, int port) {
    if (!session.gateway.settings().activeMode()) {
      return Reply.of(502, "ftp.active.off");
    }
    if (session.epsvAll) {
      return Reply.of(503, "ftp.epsvAll.only");
    }
    if (!address.equals(session.clientAddress()) || port < 1024 || port > 65535) {
      return Reply.of(504, "ftp.active.ownAddress", session.clientKey());
    }
    session.prepareData(DataConnection.active(session, new InetSocketAddress(address, port)));
    return Reply.of(200, "ftp.port.ok");
  }

  private static int octet(String text) {
    int value = Integer.parseInt(text);
    if (value < 0 || value > 255) {
      throw new NumberFormatException();
    }
    return value;
  }

  private static Reply rest(FtpSession session, String argument) {
    long offset;
    try {
      offset = Long.parseLong(argument);
    } catch (NumberFormatException e) {
      return Reply.of(501, "ftp.rest.syntax");
    }
    if (offset < 0) {
      return Reply.of(501, "ftp.rest.syntax");
    }
    session.restartAt = offset;
    return Reply.of(350, "ftp.rest", offset);
  }

  private static Reply retr(FtpSession session, String argument) {
    long offset = session.restartTaken;
    FtpPath path = FolderCommands.path(session, argument);
    FolderTree.Node file = FolderCommands.file(session, path);
    Transfers.Opened opened;
    for (int attempt = 1; ; attempt++) {
      if (offset > file.size()) {
        return Reply.of(554, "ftp.rest.pastEnd", offset, file.name(), file.size());
      }
      try {
        opened = Transfers.open(session.gateway.store(), file.storePath(), offset, file.size());
      } catch (java.io.IOException e) {
        return Reply.of(451, "ftp.retr.unreadable");
      }
      if (opened != null) {
        break;
      }
      // Replaced (or published, rejected) since it was looked up: the version there now, read again from
      // the register, or none. Never the bytes of one version after the size of another.
      if (attempt == org.plenary.contribution.DocumentFolders.LOOK_UPS) {
        throw FolderCommands.missing(session, path);
      }
      file = session.gateway.tree().findAgain(path, FolderCommands.reader(session)).filter(node -> !node.folder())
          .orElseThrow(() -> FolderCommands.missing(session, path));
    }
    return Transfers.sendFile(session, file.name(), opened, offset, file.size() - offset);
  }

  private static Reply stor(FtpSession session, String argument) {
    long offset = session.restartTaken;
    FtpPath path = FolderCommands.path(session, argument);
    FtpPath folder = path.parent();
    if (!session.hasAccount()) {
      return Reply.of(550, "ftp.stor.anonymous");
    }
    var slug = session.gateway.tree().incomingOf(folder);
    if (slug.isEmpty()) {
      return Reply.of(550, "ftp.stor.readOnly", folder.toString());
    }
    if (offset > 0) {
      return Reply.of(554, "ftp.stor.noResume", offset);
    }
    IncomingUpload upload = session.gateway.desk().openIncoming(slug.get(), path.name(), session.user);
    return Transfers.receive(session, upload);
  }
}
