package org.plenary.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Locale;
import org.plenary.shared.Languages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;

/**
 * On a right-to-left page each text argument of a message (a meeting's code, a group's acronym, a venue, a
 * number of a document) is isolated with FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so that it is laid out
 * in its own direction: "الاجتماع 2701-gva" showed the code as "gva-2701", and a venue's commas and a date's digits
 * ran into the Arabic around them. Only pages: mails, PDFs and API problems take the message source as it is.
 *
 * <p>On every page the engine writes (the folder listings too), each text a template shows ({@code ${...}}: a title,
 * a name, a message's argument, whatever element or attribute it lands in) is closed where it ends: a direction
 * embedding, override or isolate it leaves open (text stored before {@link StoredText} refused them) gets its POP
 * DIRECTIONAL FORMATTING or ISOLATE after it, so that a title ending in RIGHT-TO-LEFT OVERRIDE no longer reverses the
 * rest of its line ("report_exe.pdf", a date, a deliverable's state). Text without one is left as it is. Mails are
 * written from the message source, not a template: they close what they quote in {@code notification.MailWords}.
 */
@Component
class BidiIsolation implements BeanPostProcessor {

  static final char FSI = '\u2068';
  static final char PDI = '\u2069';

  private final ObjectProvider<MessageSource> messages;

  BidiIsolation(ObjectProvider<MessageSource> messages) {
    this.messages = messages;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof SpringTemplateEngine engine) {
      engine.setTemplateEngineMessageSource(new Isolating(messages));
      Set<IDialect> dialects = new LinkedHashSet<>();
      engine.getDialects().forEach(d -> dialects.add(d instanceof SpringStandardDialect spring ? new Closing(spring) : d));
      engine.setDialects(dialects);
    }
    return bean;
  }

  /** Spring's dialect, whose {@code ${...}} closes what a text leaves open ({@link StoredText#closers}). */
  private static final class Closing extends SpringStandardDialect {

    private IStandardVariableExpressionEvaluator closing;

    Closing(SpringStandardDialect spring) {
      setEnableSpringELCompiler(spring.getEnableSpringELCompiler());
      setRenderHiddenMarkersBeforeCheckboxes(spring.getRenderHiddenMarkersBeforeCheckboxes());
    }

    @Override
    public IStandardVariableExpressionEvaluator getVariableExpressionEvaluator() {
      if (closing == null) {
        IStandardVariableExpressionEvaluator spel = super.getVariableExpressionEvaluator();
        closing = (context, expression, execution) -> closed(spel.evaluate(context, expression, execution));
      }
      return closing;
    }

    private static Object closed(Object value) {
      return value instanceof String text ? text + StoredText.closers(text) : value;
    }
  }

  private record Isolating(ObjectProvider<MessageSource> messages) implements MessageSource {

    @Override
    public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
      return messages.getObject().getMessage(code, isolated(args, locale), defaultMessage, locale);
    }

    @Override
    public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
      return messages.getObject().getMessage(code, isolated(args, locale), locale);
    }

    @Override
    public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
      return messages.getObject().getMessage(resolvable, locale);
    }

    /**
     * Text arguments with a left-to-right letter in them (codes, acronyms, names in Latin letters): an Arabic word
     * needs no isolation on an Arabic page, and a number keeps the format the message gives it ({0,number}).
     */
    private static Object[] isolated(Object[] args, Locale locale) {
      if (args == null || locale == null || !Languages.rightToLeft(locale)) {
        return args;
      }
      return Arrays.stream(args).map(a -> a instanceof CharSequence text && leftToRight(text) ? FSI + text.toString() + PDI : a).toArray();
    }

    private static boolean leftToRight(CharSequence text) {
      return text.codePoints().anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
    }
  }
}
