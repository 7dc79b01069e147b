package org.plenary.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which UN languages a text is written in, by counting each language's common words. */
class AnalysisTests {

  @Test
  void findsTheLanguagesWhoseCommonWordsTheTextUses() {
    assertThat(Analysis.languages("The scope of the group and the tasks it has in the first year"))
        .containsExactly("en");
    assertThat(Analysis.languages("Le groupe et les tâches de la première réunion, dans le cadre des travaux"))
        .contains("fr").doesNotContain("en", "ru");
    assertThat(Analysis.languages("El grupo y las tareas de la primera reunión, en el marco de los trabajos del año"))
        .contains("es");
    assertThat(Analysis.languages("Группа и задачи первого совещания, это не то, что было в прошлом году"))
        .containsExactly("ru");
  }

  @Test
  void countsWordsWhateverTheirCaseAndSkipsLongOnes() {
    assertThat(Analysis.languages("THE GROUP AND THE TASKS OF THE MEETING")).containsExactly("en");
    assertThat(Analysis.languages("LES TÂCHES DE LA RÉUNION ET DU GROUPE DANS LE CADRE")).contains("fr")
        .doesNotContain("en");
    assertThat(Analysis.languages("云计算焦点组 " + "Annex: the scope and the tasks of the group. ".repeat(3)))
        .containsExactly("en");
    assertThat(Analysis.languages("Verylongwordwithoutendthethe ".repeat(10))).as("none found: English")
        .containsExactly("en");
  }

  @Test
  void aWordWithADottedCapitalIIsNoStopWord() {
    // "İN" lowers to "i̇n" (three characters), which is no English word; "IN" lowers to "in".
    assertThat(Analysis.languages("İN İT İS İN İN DES LA LE LES")).contains("fr").doesNotContain("en");
    assertThat(Analysis.languages("IN IT IS IN IN")).containsExactly("en");
  }
}
