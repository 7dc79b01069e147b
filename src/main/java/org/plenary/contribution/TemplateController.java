package org.plenary.contribution;

import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;

/** The group's basic contribution template, as a Word document. */
@Controller
class TemplateController {

  private final GroupCatalog groups;

  TemplateController(GroupCatalog groups) {
    this.groups = groups;
  }

  @GetMapping("/groups/{slug}/template.docx")
  @ResponseBody
  ResponseEntity<byte[]> template(@PathVariable String slug) {
    Group group = groups.get(slug);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(FileSender.contentType("template.docx")))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(ContributionDesk.seriesPrefix(group) + "-contribution-template.docx").build().toString())
        .body(ContributionTemplate.docx(group));
  }
}
