package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.archive.ArchiveFixture;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A contribution read alone by its number (one statement) is the one the register reads (with others, four
 * statements): its files in order, whatever their states, its co-authors and agenda items in their order, and
 * none of them. On H2 here, on PostgreSQL in {@link PostgresContributionByNumberTests}.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:plenary-by-number;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "plenary.data-dir=target/test-data/by-number-${random.uuid}", "plenary.search.indexing=false"})
class ContributionByNumberTests {

  @Autowired ContributionDesk desk;
  @Autowired Contributions contributions;
  @Autowired GroupCatalog groups;
  @Autowired MeetingCatalog meetings;
  @Autowired AccountDirectory accounts;
  @Autowired AccessTokens tokens;

  private ArchiveFixture fixture;

  @BeforeEach
  void setUp() {
    String slug = "one" + System.nanoTime() % 1_000_000;
    fixture = ArchiveFixture.create(slug, "FG O" + slug.substring(3), groups, accounts, tokens).with(desk);
    ArchiveFixture.meeting(meetings, slug, "m1", true);
  }

  @Test
  void aContributionReadByItsNumberIsTheOneTheRegisterReads() {
    var agenda = meetings.replaceAgenda(fixture.slug(), "m1", List.of(new AgendaItem("Opening", null),
        new AgendaItem("Cloud", null), new AgendaItem("Closing", null))).agenda();
    // Named out of their order (agenda items, co-authors) so that each list's order is the read's, not the request's.
    String number = desk.allocate(fixture.slug(), "m1", new Allocation("Whole", "Source", List.of(3, 1), null,
        List.of(fixture.slug() + "-clerk", fixture.slug() + "-author")), fixture.clerk()).number();
    String bare = allocate();
    assertThat(one(bare)).isEqualTo(register(bare));
    assertThat(one(bare).files()).isEmpty();
    assertThat(one(bare).coauthors()).isEmpty();

    upload(number, number + ".pdf", "first", Replacing.NOTHING);
    upload(number, number + ".pdf", "second", Replacing.ANY);
    desk.publish(number, fixture.clerk());
    upload(number, number + "r1.pdf", "revised", Replacing.NOTHING);

    Contribution read = one(number);
    assertThat(read).isEqualTo(register(number));
    assertThat(read.files()).extracting(ContributionFile::state)
        .containsExactly(FileState.REPLACED, FileState.PUBLISHED, FileState.INCOMING);
    assertThat(read.coauthors()).containsExactly(fixture.slug() + "-author", fixture.slug() + "-clerk");
    assertThat(read.agendaItemIds()).containsExactly(agenda.get(0).id(), agenda.get(2).id());
  }

  private Contribution one(String number) {
    return contributions.findByNumber(number.toLowerCase(java.util.Locale.ROOT)).orElseThrow();
  }

  private Contribution register(String number) {
    return contributions.findByNumbers(List.of(number)).getFirst();
  }

  private String allocate() {
    return desk.allocate(fixture.slug(), "m1", new Allocation("Bare", "Source", List.of(), null, List.of()),
        fixture.author()).number();
  }

  private void upload(String number, String name, String text, Replacing replacing) {
    desk.upload(number, name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fixture.clerk(),
        UploadChannel.OTHER, replacing);
  }
}
