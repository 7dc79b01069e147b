package org.plenary.shared;

/**
 * An edit made on a version of a record that someone else changed since its editor read it: nothing
 * was saved (412 on the API, the form shown again with the editor's input and this sentence).
 */
public class ChangedMeanwhileException extends RefusedException {

  ChangedMeanwhileException(String what) {
    super(412, "common", "common.refused.changedMeanwhile", what);
  }
}
