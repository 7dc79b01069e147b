package org.plenary.web;

import java.text.MessageFormat;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The pseudo-locale {@code en-XA} (only with {@code plenary.i18n.pseudo-locale=true}): every message
 * is the English one with accented letters, lengthened by about 40 % and wrapped in {@code [!! … !!]},
 * so that a page shows at once which text does not come from a bundle and where longer words break
 * the layout. Arguments (names, codes, numbers) are kept as they are.
 */
@Component
class PseudoLocale implements BeanPostProcessor {

  static final Locale LOCALE = Locale.forLanguageTag("en-XA");
  private static final String PLAIN = "aceginorsuyzACEGINORSUYZ";
  private static final String ACCENTED = "áçéğíñóŕšúýžÁÇÉĞÍÑÓŔŠÚÝŽ";
  private static final String FILLER = " ŀőŕéḿ ïƥšũḿ ðőŀőŕ šïţ àḿéţ ċőñšéċţéţũŕ";
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';

  private final boolean enabled;

  PseudoLocale(Environment environment) {
    this.enabled = environment.getProperty("plenary.i18n.pseudo-locale", Boolean.class, false);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    return enabled && "messageSource".equals(name) && bean instanceof MessageSource source ? new Wrapped(source) : bean;
  }

  /** "Save" → "[!! Šávé ŀőŕ !!]"; markup ({@code <code>}) and arguments between the markers stay as they are. */
  static String pseudo(String text) {
    var out = new StringBuilder("[!! ");
    boolean kept = false;
    int letters = 0;
    for (char c : text.toCharArray()) {
      if (c == '<' || c == OPEN) {
        kept = true;
      }
      int at = PLAIN.indexOf(c);
      out.append(kept || at < 0 ? c : ACCENTED.charAt(at));
      letters += !kept && Character.isLetter(c) ? 1 : 0;
      if (c == '>' || c == CLOSE) {
        kept = false;
      }
    }
    int extra = Math.max(1, letters * 2 / 5);
    for (int i = 0; i < extra; i++) {
      out.append(FILLER.charAt(i % FILLER.length()));
    }
    return out.append(" !!]").toString();
  }

  private record Wrapped(MessageSource source) implements MessageSource {

    @Override
    public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
      if (!LOCALE.equals(locale)) {
        return source.getMessage(code, args, defaultMessage, locale);
      }
      // Only the bundle's sentence is made pseudo; a default message given in code stays as it is.
      String marked = source.getMessage(code, markers(args), null, Locale.ENGLISH);
      return marked == null ? defaultMessage == null ? null : source.getMessage(code, args, defaultMessage, Locale.ENGLISH)
          : fill(pseudo(marked), args);
    }

    @Override
    public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
      if (!LOCALE.equals(locale)) {
        return source.getMessage(code, args, locale);
      }
      return fill(pseudo(source.getMessage(code, markers(args), Locale.ENGLISH)), args);
    }

    /**
     * Only a sentence found in a bundle under one of the resolvable's codes is made pseudo; its default
     * message (a sentence written in code, a framework's English) is left as it is, so that the browser
     * test sees it unwrapped, as untranslated text.
     */
    @Override
    public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
      if (!LOCALE.equals(locale)) {
        return source.getMessage(resolvable, locale);
      }
      for (String code : resolvable.getCodes() == null ? new String[0] : resolvable.getCodes()) {
        String found = getMessage(code, resolvable.getArguments(), null, LOCALE);
        if (found != null) {
          return found;
        }
      }
      return source.getMessage(resolvable, Locale.ENGLISH);
    }

    private Object[] markers(Object[] args) {
      if (args == null) {
        return null;
      }
      // A number stays a number: a pattern may format it ({0,number,integer}) or choose words by it
      // ({0,choice,0#…|1#…}), and a marker string there would make MessageFormat throw.
      var marked = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        marked[i] = args[i] instanceof Number ? args[i] : OPEN + String.valueOf(i) + CLOSE;
      }
      return marked;
    }

    private String fill(String text, Object[] args) {
      String out = text;
      for (int i = 0; args != null && i < args.length; i++) {
        Object arg = args[i] instanceof MessageSourceResolvable r ? getMessage(r, LOCALE) : args[i];
        out = out.replace(OPEN + String.valueOf(i) + CLOSE, new MessageFormat("{0}", Locale.ENGLISH).format(new Object[] {arg}));
      }
      return out;
    }
  }
}
