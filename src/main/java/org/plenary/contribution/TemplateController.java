package org.plenary.contribution;

import java.util.Locale;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.shared.Download;
import org.plenary.shared.Languages;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The group's basic contribution template, as a Word document in the reader's language (or {@code ?lang=}). */
@PageController
class TemplateController {

  private final GroupCatalog groups;
  private final MessageSource messages;

  TemplateController(GroupCatalog groups, MessageSource messages) {
    this.groups = groups;
    this.messages = messages;
  }

  @GetMapping("/groups/{slug}/template.docx")
  @ResponseBody
  ResponseEntity<byte[]> template(@PathVariable String slug, @RequestParam(required = false) String lang) {
    Group group = groups.get(slug);
    Locale language = Languages.supported(lang).orElseGet(Words::reader);
    String prefix = ContributionDesk.seriesPrefix(group);
    var docx = new Download(ContributionTemplate.docx(group, messages, language),
        MediaType.parseMediaType(FileSender.contentType("template.docx")), prefix + "-contribution-template.docx",
        messages.getMessage("contribution.file.template", new Object[] {prefix}, language) + ".docx");
    return ResponseEntity.ok().headers(docx.attachment().getHeaders())
        .header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag()).header(HttpHeaders.VARY, "Accept-Language, Cookie")
        .body(docx.body());
  }
}
