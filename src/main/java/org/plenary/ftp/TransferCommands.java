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
    table.put("RETR", new Gateway.Command(true, TransferCommands::retr));
    table.put("STOR", new Gateway.Command(true, TransferCommands::stor));
    table.put("APPE", new Gateway.Command(true, (s, a) -> new Reply(550,
        "Appending is not allowed: a document is always uploaded whole, with STOR.")));
    table.put("ABOR", new Gateway.Command(false, (s, a) -> {
      s.closeData();
      return new Reply(225, "No transfer to abort.");
    }));
  }

  private static Reply pasv(FtpSession session, String argument) {
    if (session.epsvAll) {
      return new Reply(503, "After EPSV ALL only EPSV is accepted.");
    }
    if (!(session.control().localAddress() instanceof InetSocketAddress local) || !(local.getAddress() instanceof Inet4Address)) {
      return new Reply(522, "PASV needs IPv4; use EPSV.");
    }
    DataConnection data = DataConnection.passive(session);
    session.prepareData(data);
    byte[] address = announcedAddress(session, local.getAddress());
    int port = data.port();
    return new Reply(227, "Entering Passive Mode (" + (address[0] & 0xFF) + "," + (address[1] & 0xFF) + ","
        + (address[2] & 0xFF) + "," + (address[3] & 0xFF) + "," + (port >> 8) + "," + (port & 0xFF) + ").");
  }

  private static byte[] announcedAddress(FtpSession session, InetAddress local) {
    String configured = session.gateway.settings().passiveAddress();
    if (configured.isBlank()) {
      return local.getAddress();
    }
    try {
      return InetAddress.getByName(configured).getAddress();
    } catch (UnknownHostException e) {
      throw new FtpRefusal(425, "The server's passive address is misconfigured; tell the secretariat.");
    }
  }

  private static Reply epsv(FtpSession session, String argument) {
    if (argument.equalsIgnoreCase("ALL")) {
      session.epsvAll = true;
      return new Reply(200, "EPSV ALL ok: only EPSV from now on.");
    }
    DataConnection data = DataConnection.passive(session);
    session.prepareData(data);
    return new Reply(229, "Entering Extended Passive Mode (|||" + data.port() + "|).");
  }

  private static Reply port(FtpSession session, String argument) {
    String[] parts = argument.split(",");
    if (parts.length != 6) {
      return new Reply(501, "PORT takes h1,h2,h3,h4,p1,p2.");
    }
    try {
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        address[i] = (byte) octet(parts[i].strip());
      }
      int port = octet(parts[4].strip()) << 8 | octet(parts[5].strip());
      return active(session, InetAddress.getByAddress(address), port);
    } catch (NumberFormatException | UnknownHostException e) {
      return new Reply(501, "PORT takes six numbers from 0 to 255: h1,h2,h3,h4,p1,p2.");
    }
  }

  private static Reply eprt(FtpSession session, String argument) {
    if (argument.length() < 4) {
      return new Reply(501, "EPRT takes |protocol|address|port|.");
    }
    String[] parts = argument.substring(1).split(java.util.regex.Pattern.quote(argument.substring(0, 1)), -1);
    if (parts.length < 3 || !(parts[0].equals("1") || parts[0].equals("2"))) {
      return new Reply(522, "EPRT takes protocol 1 (IPv4) or 2 (IPv6): |1|address|port|.");
    }
    try {
      if (!parts[1].matches("[0-9A-Fa-f:.]{2,45}")) {
        throw new NumberFormatException();
      }
      return active(session, InetAddress.getByName(parts[1]), Integer.parseInt(parts[2]));
    } catch (NumberFormatException | UnknownHostException e) {
      return new Reply(501, "EPRT takes |protocol|address|port| with a numeric address.");
    }
  }

  private static Reply active(FtpSession session, InetAddress address, int port) {
    if (!session.gateway.settings().activeMode()) {
      return new Reply(502, "Active mode is off on this server; use passive mode (PASV or EPSV).");
    }
    if (session.epsvAll) {
      return new Reply(503, "After EPSV ALL only EPSV is accepted.");
    }
    if (!address.equals(session.clientAddress()) || port < 1024 || port > 65535) {
      return new Reply(504, "Data connections go only to your own address (" + session.clientKey()
          + ") on a port from 1024 to 65535.");
    }
    session.prepareData(DataConnection.active(session, new InetSocketAddress(address, port)));
    return new Reply(200, "PORT ok; consider using PASV.");
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
      return new Reply(501, "REST takes a byte offset: a whole number from 0.");
    }
    if (offset < 0) {
      return new Reply(501, "REST takes a byte offset: a whole number from 0.");
    }
    session.restartAt = offset;
    return new Reply(350, "Restarting at " + offset + ". Send RETR to resume a download; uploads always start at 0.");
  }

  private static Reply retr(FtpSession session, String argument) {
    long offset = session.restartAt;
    session.restartAt = 0;
    FtpPath path = FolderCommands.path(session, argument);
    FolderTree.Node file = FolderCommands.file(session, path);
    if (offset > file.size()) {
      return new Reply(554, "REST " + offset + " is past the end of " + file.name() + " (" + file.size() + " bytes).");
    }
    return Transfers.sendFile(session, file.name(), session.gateway.store(), file.storePath(), offset,
        file.size() - offset);
  }

  private static Reply stor(FtpSession session, String argument) {
    long offset = session.restartAt;
    session.restartAt = 0;
    FtpPath path = FolderCommands.path(session, argument);
    FtpPath folder = path.parent();
    if (!session.hasAccount()) {
      return new Reply(550, "Anonymous users may only read: sign in with your account to upload.");
    }
    var slug = session.gateway.tree().incomingOf(folder);
    if (slug.isEmpty()) {
      return new Reply(550, folder + " is read-only: upload into a group's incoming folder, "
          + "such as /t/fg/cloud/docs/incoming/.");
    }
    if (offset > 0) {
      return new Reply(554, "Uploads cannot resume at byte " + offset + ": send the whole file again.");
    }
    IncomingUpload upload = session.gateway.desk().openIncoming(slug.get(), path.name(), session.user);
    return Transfers.receive(session, upload);
  }
}
