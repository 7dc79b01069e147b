package org.plenary.meeting;

import java.net.URI;
import org.plenary.group.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The addresses a circular gives: the web pages, and the incoming folder both over FTP and on the
 * web ({@code ftp://host:2121/t/fg/cloud/docs/incoming}, the circular's own paths).
 */
@Component
class CircularAddresses {

  private final String baseUrl;
  private final String ftpUrl;

  CircularAddresses(@Value("${plenary.base-url:http://localhost:8080}") String baseUrl,
      @Value("${plenary.circular.ftp-url:}") String ftpUrl, @Value("${plenary.ftp.port:2121}") int ftpPort) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    String host = URI.create(this.baseUrl).getHost();
    this.ftpUrl = ftpUrl.isBlank() ? "ftp://" + host + (ftpPort == 21 ? "" : ":" + ftpPort) : ftpUrl.replaceAll("/+$", "");
  }

  String base() {
    return baseUrl;
  }

  String ftpHost() {
    return URI.create(ftpUrl).getHost();
  }

  String incomingPath(Group group) {
    return "/t/fg/" + group.slug() + "/docs/incoming";
  }

  String incomingFtp(Group group) {
    return ftpUrl + incomingPath(group);
  }

  String incomingWeb(Group group) {
    return baseUrl + incomingPath(group) + "/";
  }

  String publishedWeb(Group group, Meeting meeting) {
    return baseUrl + "/t/fg/" + group.slug() + "/docs/" + meeting.code() + "/in/";
  }

  String group(Group group) {
    return baseUrl + "/groups/" + group.slug();
  }

  String meeting(Group group, Meeting meeting) {
    return group(group) + "/meetings/" + meeting.code();
  }

  String circular(CircularId id) {
    return baseUrl + "/circulars/" + id.value();
  }
}
