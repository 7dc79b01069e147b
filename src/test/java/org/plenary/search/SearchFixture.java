package org.plenary.search;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;

/** Groups, meetings, people and documents for the search tests, made through the modules' public types. */
record SearchFixture(GroupCatalog groups, MeetingCatalog meetings, AccountDirectory accounts, AccessTokens tokens,
    ContributionDesk desk) {

  void group(String slug, String acronym) {
    groups.create(new GroupDraft(slug, acronym, "Focus Group " + acronym, null, null, "English", 12, null, null,
        List.of(), List.of(), List.of()));
  }

  void meeting(String slug, String code, boolean documentsPublic) {
    meetings.schedule(slug, draft(code, documentsPublic));
  }

  static MeetingDraft draft(String code, boolean documentsPublic) {
    return new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41), "Europe/Zurich", "Geneva",
        null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of());
  }

  void person(String username, Role... roles) {
    accounts.create(new NewAccount(username, username + "@search.example", "Person " + username, null, null,
        Set.of(roles)), username + "-pass-2026", false);
  }

  PlenaryUser user(String username) {
    return tokens.authenticate(token(username)).orElseThrow();
  }

  String token(String username) {
    return tokens.issue(accounts.find(username).orElseThrow().id(), "search").token();
  }

  /** Allocates a number in the meeting and uploads {@code bytes} as its file with {@code extension}. */
  String upload(String slug, String code, String title, String source, List<Integer> agendaItems, String extension,
      byte[] bytes, PlenaryUser author) {
    Contribution c = desk.allocate(slug, code, new Allocation(title, source, agendaItems, null, List.of()), author);
    if (bytes != null) {
      desk.upload(c.number(), c.number() + "." + extension, new ByteArrayInputStream(bytes), author);
    }
    return c.number();
  }

  static HttpResponse<String> get(int port, String path, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String q(String words) {
    return URLEncoder.encode(words, StandardCharsets.UTF_8);
  }
}
