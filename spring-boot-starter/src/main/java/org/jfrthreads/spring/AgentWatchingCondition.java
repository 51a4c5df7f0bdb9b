package org.jfrthreads.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the jfr-threads agent does not watch this JVM. The agent sets {@value
 * #STARTING_PROPERTY} as soon as it accepts its options (before {@code main}, when loaded with
 * {@code -javaagent}) and {@value #STATUS_PROPERTY} once it watches, so an application that starts
 * while the agent is still starting sees it too.
 */
final class AgentWatchingCondition extends SpringBootCondition {

  /** {@code JfrThreadsAgent.STATUS_PROPERTY}: where the agent serves, once it watches. */
  static final String STATUS_PROPERTY = "jfrthreads.agent";

  /** {@code JfrThreadsAgent.STARTING_PROPERTY}: set while the agent starts. */
  static final String STARTING_PROPERTY = "jfrthreads.agent.starting";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    String status = System.getProperty(STATUS_PROPERTY);
    if (status != null) {
      return ConditionOutcome.noMatch(
          "the jfr-threads agent watches this JVM, " + status + ": not watching it twice");
    }
    String starting = System.getProperty(STARTING_PROPERTY);
    if (starting != null) {
      return ConditionOutcome.noMatch(
          "the jfr-threads agent is starting (" + starting + "): not watching this JVM twice");
    }
    return ConditionOutcome.match("no jfr-threads agent in this JVM");
  }
}
