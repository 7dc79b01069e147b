package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A circular as read, in one language: blocks top to bottom (letterhead, reference fields,
 * addressees, subject, numbered paragraphs, signature, then the annexes, each starting on a new
 * page). The page and the PDF render the same blocks.
 */
public record CircularDocument(String lang, String title, List<Block> blocks) {

  /** How a block is shown. */
  public enum Type { LINE, FIELD, HEADING, PARAGRAPH, BULLET, SIGNATURE, NEW_PAGE }

  /** One block; {@code label} is a field's label or a paragraph's number. */
  public record Block(Type type, @Schema(nullable = true) String label, String text) {}

  /** The whole text, one block a line: what a search or a test reads. */
  public String plainText() {
    var out = new StringBuilder();
    blocks.forEach(b -> out.append(b.label() == null ? "" : b.label() + " ").append(b.text()).append('\n'));
    return out.toString();
  }
}
