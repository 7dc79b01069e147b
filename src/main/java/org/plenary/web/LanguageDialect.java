package org.plenary.web;

import java.util.Set;
import org.plenary.shared.Languages;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Every page's {@code <html>} gets {@code lang} and {@code dir} from the reader's language
 * ({@code dir="rtl"} for Arabic), whatever the template wrote, so that no template names a language.
 */
@Component
class LanguageDialect extends AbstractProcessorDialect {

  LanguageDialect() {
    super("Plenary languages", "plenary", 1000);
  }

  @Override
  public Set<IProcessor> getProcessors(String prefix) {
    return Set.of(new HtmlLanguage());
  }

  private static final class HtmlLanguage extends AbstractElementTagProcessor {

    HtmlLanguage() {
      super(TemplateMode.HTML, null, "html", false, null, false, 1000);
    }

    @Override
    protected void doProcess(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler handler) {
      handler.setAttribute("lang", context.getLocale().toLanguageTag());
      handler.setAttribute("dir", Languages.rightToLeft(context.getLocale()) ? "rtl" : "ltr");
    }
  }
}
