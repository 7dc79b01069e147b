-- Content in several languages (issue 13, point 5). The working-language text stays where it was;
-- these tables hold its translations, one row per language (a BCP 47 tag of the six: fr, es, ru, zh,
-- ar, en). group_* tables belong to the group module, meeting_* to the meeting module.

-- A group's name in another language.
CREATE TABLE group_name_translations (
  group_id BIGINT NOT NULL REFERENCES plenary_groups (id) ON DELETE CASCADE,
  language VARCHAR(8) NOT NULL,
  name VARCHAR(200) NOT NULL,
  PRIMARY KEY (group_id, language)
);

-- A group's terms of reference in another language: a whole translation, clause by clause.
CREATE TABLE group_section_translations (
  group_id BIGINT NOT NULL REFERENCES plenary_groups (id) ON DELETE CASCADE,
  language VARCHAR(8) NOT NULL,
  ordinal INT NOT NULL,
  heading VARCHAR(200) NOT NULL,
  body VARCHAR(100000) NOT NULL,
  PRIMARY KEY (group_id, language, ordinal)
);

-- A meeting's practical information in another language.
CREATE TABLE meeting_translations (
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  language VARCHAR(8) NOT NULL,
  practical_info VARCHAR(100000) NOT NULL,
  PRIMARY KEY (meeting_id, language)
);

-- An agenda item's title in another language; it follows the item (its id) through every edit.
CREATE TABLE meeting_agenda_item_translations (
  item_id BIGINT NOT NULL REFERENCES meeting_agenda_items (id) ON DELETE CASCADE,
  language VARCHAR(8) NOT NULL,
  title VARCHAR(500) NOT NULL,
  PRIMARY KEY (item_id, language)
);
