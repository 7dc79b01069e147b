package org.plenary.search;

/** A file whose text cannot be read at all; {@link #problem()} is the reason readers are shown, in their language. */
final class UnreadableException extends Exception {

  private final ReadProblem problem;

  UnreadableException(ReadProblem problem) {
    super(problem.code() + " " + problem.args());
    this.problem = problem;
  }

  UnreadableException(ReadProblem problem, Throwable cause) {
    super(problem.code() + " " + problem.args(), cause);
    this.problem = problem;
  }

  ReadProblem problem() {
    return problem;
  }
}
