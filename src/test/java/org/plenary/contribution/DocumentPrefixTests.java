package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plenary.DemoTest;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;
import org.plenary.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A group's acronym gives its document numbers (FG Cloud: FG-Cloud-I-0001), which are unique whatever
 * their case: two groups may not number alike. The group is refused such an acronym; a series is not
 * started with a prefix another group's series kept after a rename (it would only make numbers taken).
 */
@DemoTest
class DocumentPrefixTests {

  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired ContributionDesk desk;
  @Autowired UserDetailsService users;

  @Test
  void aGroupIsRefusedAnAcronymThatGivesAnotherGroupsNumbersOrNoLetterAtAll() {
    assertThatThrownBy(() -> groups.create(draft("prefix-twin", "fg  CLOUD")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.field()).isEqualTo("acronym");
              assertThat(v.message()).isEqualTo(
                  "The acronym \"fg  CLOUD\" gives the document numbers of FG Cloud (fg-CLOUD-I-0001, whatever the case):"
                      + " choose another.");
            }));
    assertThatThrownBy(() -> groups.create(draft("prefix-han", "云计算")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
            .contains("acronym: The acronym \"云计算\" has no Latin letter or digit"));
    groups.create(draft("prefix-own", "FG Own"));
    assertThatThrownBy(() -> groups.update("prefix-own", draft("prefix-own", "FG-Cloud")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(groups.update("prefix-own", draft("prefix-own", "FG own")).acronym()).isEqualTo("FG own");
  }

  @Test
  void aSeriesIsNotStartedWithThePrefixAnotherGroupsSeriesKeptAfterARename() {
    var tsb = (PlenaryUser) users.loadUserByUsername("tsb");
    groups.create(draft("prefix-first", "FG Prefix"));
    meeting("prefix-first");
    assertThat(desk.allocate("prefix-first", "m1", allocation(), tsb).number()).isEqualTo("FG-Prefix-I-0001");
    groups.update("prefix-first", draft("prefix-first", "FG Prefix Old"));
    groups.create(draft("prefix-second", "FG prefix"));
    meeting("prefix-second");

    assertThatThrownBy(() -> desk.allocate("prefix-second", "m1", allocation(), tsb))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.field()).isEqualTo("meeting");
              assertThat(v.message()).isEqualTo("No number can be given yet: the document numbers of FG prefix would"
                  + " begin FG-prefix, as those of FG Prefix Old do. The secretariat must give FG prefix another acronym first.");
            }));
    groups.update("prefix-second", draft("prefix-second", "FG Prefix New"));
    assertThat(desk.allocate("prefix-second", "m1", allocation(), tsb).number()).isEqualTo("FG-Prefix-New-I-0001");
  }

  private static GroupDraft draft(String slug, String acronym) {
    return new GroupDraft(slug, acronym, "Focus Group on Prefixes", null, null, "English", 12, null, null, List.of(),
        List.of(), List.of());
  }

  private void meeting(String slug) {
    meetings.schedule(slug, new MeetingDraft("m1", LocalDate.now().plusDays(30), LocalDate.now().plusDays(31),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, true, null, null, null, null,
        LatePolicy.FLAG, List.of(), List.of()));
  }

  private static Allocation allocation() {
    return new Allocation("A contribution", "An organization", List.of(), null, List.of());
  }
}
