package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for the browser tests, with axe-core (WCAG 2.2 AA rules) run inside the
 * page, a form sign-in and keyboard-only moves.
 */
public final class Browser implements AutoCloseable {

  public static final java.io.File CHROMIUM = new java.io.File(System.getProperty("plenary.test.chromium", "/usr/bin/chromium"));
  public static final java.io.File CHROMEDRIVER = new java.io.File(System.getProperty("plenary.test.chromedriver", "/usr/bin/chromedriver"));

  private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private final WebDriver driver;
  /** Where a browser test's time goes, printed when the browser closes: pages loaded, axe-core put in and run. */
  private final Spent loads = new Spent("pages loaded"), injections = new Spent("axe-core put in"),
      audits = new Spent("axe-core runs");
  private final int port;
  private final int width;
  private final int height;

  public Browser(int port, int width, int height) {
    this.port = port;
    this.width = width;
    this.height = height;
    var options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=" + width + "," + height);
    var builder = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER);
    // A host that gives each engineer a range of ports names the driver's here; otherwise any free port.
    String driverPort = System.getProperty("plenary.test.chromedriver-port");
    var service = (driverPort == null ? builder.usingAnyFreePort() : builder.usingPort(Integer.parseInt(driverPort))).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
  }

  /**
   * Leaves the browser as a new one is, for the next test of a class that keeps one Chromium for all its tests: no
   * page open, signed out (no cookie), no viewport or media emulated, the window at its first size.
   */
  public void reset() {
    driver.get("about:blank");
    driver.manage().deleteAllCookies();
    windowViewport();
    emulateMedia("", java.util.Map.of());
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a page of the server; fails when it shows a message key raw ({@code ??key_en??}: a key missing from the bundles). */
  public void open(String path) {
    loads.time(() -> driver.get("http://localhost:" + port + path));
    assertNoRawKeys();
  }

  /** Fails when the page shows a message key Thymeleaf could not find ({@code ??contribution.audit.X_en??}). */
  public void assertNoRawKeys() {
    Object raw = script("return (document.body ? document.body.innerText + ' ' + document.title : '')"
        + ".match(/\\?\\?[\\w.-]+\\?\\?/g);");
    assertThat(raw).as("message keys shown raw on %s", driver.getCurrentUrl()).isNull();
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Signs in on the form, typing only, and waits for the page it leads to. */
  public void signIn(String username, String password) {
    open("/sign-in");
    find(By.id("username")).sendKeys(username);
    find(By.id("password")).sendKeys(password);
    submitAndWait(() -> find(By.id("password")).sendKeys(Keys.ENTER));
  }

  public void clickAndWait(By button) {
    submitAndWait(() -> find(button).click());
  }

  /** Does something that leaves the page, and waits until the page it left is gone. */
  public void submitAndWait(Runnable action) {
    WebElement old = find(By.tagName("main"));
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
      try {
        old.isEnabled();
        return false;
      } catch (WebDriverException gone) {
        return true;
      }
    });
  }

  /** Presses Tab (at most 80 times) until the focused element matches; fails otherwise. */
  public WebElement tabTo(String what, Predicate<WebElement> wanted) {
    for (int i = 0; i < 80; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = driver.switchTo().activeElement();
      if (wanted.test(focused)) {
        return focused;
      }
    }
    throw new AssertionError("Tab never reached " + what + " on " + driver.getCurrentUrl());
  }

  /**
   * Emulates a CSS media type ({@code print}, or {@code ""} for the screen) and media features such as
   * {@code forced-colors: active} (Windows high contrast) or {@code prefers-reduced-motion: reduce}, through the
   * DevTools protocol; {@code emulateMedia("", Map.of())} ends it.
   */
  public void emulateMedia(String type, java.util.Map<String, String> features) {
    var list = features.entrySet().stream().map(f -> java.util.Map.of("name", f.getKey(), "value", f.getValue())).toList();
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", type, "features", list));
  }

  /**
   * Lays the page out in a viewport of exactly this many CSS pixels: headless Chromium keeps its window at least
   * 500 px wide, so a window set to 320 px lays pages out at about 485 (WCAG 1.4.10's 320 px was never reached).
   */
  public void viewport(int width, int height) {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  /**
   * Lays the page already open out again at this width, without loading it again (what a phone turned sideways
   * does), and waits until the page has drawn it twice: its own resize observers (the scrolling tables' focus
   * stops) have answered by then, as after a load at that width.
   */
  public void relayout(int width, int height) {
    viewport(width, height);
    ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); });""");
  }

  /** Ends {@link #viewport}: the page takes the window's size again. */
  public void windowViewport() {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
  }

  /** A screenshot of the window as it is drawn now. */
  public java.awt.image.BufferedImage screenshot() {
    try {
      byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
      return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page; asserts there is no violation. */
  public void assertAccessible() {
    injectAxe();
    Object result = audits.time(() -> ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }))); })
          .catch(function (e) { done('axe failed: ' + e); });""", WCAG_22_AA));
    assertThat(String.valueOf(result)).as("axe WCAG 2.2 AA violations on %s", driver.getCurrentUrl()).isEqualTo("[]");
  }

  /**
   * Asserts the page's outline is h1 → h2 → h3 with no level skipped: the first visible heading is
   * the one {@code h1}, no heading is more than one level deeper than the one before it (the outline
   * a screen reader's heading list shows), and axe-core's best-practice rules {@code heading-order}
   * and {@code page-has-heading-one} pass.
   */
  public void assertHeadingsInOrder() {
    assertHeadingOutline();
    assertHeadingRules();
  }

  /** The outline part of {@link #assertHeadingsInOrder}: one visible {@code h1} first, no level skipped. */
  public void assertHeadingOutline() {
    Object skips = script("""
        var found = [], previous = 0, ones = 0;
        document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]').forEach(function (h) {
          var visible = h.checkVisibility ? h.checkVisibility() : h.offsetParent !== null;
          if (!visible) { return; }
          var level = h.hasAttribute('aria-level') ? parseInt(h.getAttribute('aria-level'), 10)
              : parseInt(h.tagName.substring(1), 10);
          if (level === 1) { ones++; }
          if (previous === 0 ? level !== 1 : level > previous + 1) {
            found.push('h' + level + ' "' + h.textContent.trim() + '" after h' + previous);
          }
          previous = level;
        });
        if (ones !== 1) { found.push(ones + ' h1 headings'); }
        return JSON.stringify(found);""");
    assertThat(String.valueOf(skips)).as("headings out of order on %s", driver.getCurrentUrl()).isEqualTo("[]");
  }

  private void assertHeadingRules() {
    injectAxe();
    Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading']},
            resultTypes: ['violations']})
          .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }))); })
          .catch(function (e) { done('axe failed: ' + e); });""");
    assertThat(String.valueOf(result)).as("axe heading rules on %s", driver.getCurrentUrl()).isEqualTo("[]");
  }

  /** Runs the axe-core rules named (best-practice ones such as {@code landmark-unique}); asserts none is violated. */
  public void assertRules(String... rules) {
    injectAxe();
    Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'rule', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }))); })
          .catch(function (e) { done('axe failed: ' + e); });""", java.util.List.of(rules));
    assertThat(String.valueOf(result)).as("axe rules %s on %s", java.util.List.of(rules), driver.getCurrentUrl())
        .isEqualTo("[]");
  }

  /**
   * Runs every axe-core rule, best practices included (landmarks, heading order); asserts no violation has the
   * impact given or a worse one ({@code minor} < {@code moderate} < {@code serious} < {@code critical}).
   */
  public void assertNoViolationsFrom(String impact) {
    injectAxe();
    Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1], order = ['minor', 'moderate', 'serious', 'critical'];
        var least = order.indexOf(arguments[0]);
        axe.run(document, {resultTypes: ['violations']})
          .then(function (r) { done(JSON.stringify(r.violations.filter(function (v) {
              return order.indexOf(v.impact) >= least;
            }).map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
          }))); })
          .catch(function (e) { done('axe failed: ' + e); });""", impact);
    assertThat(String.valueOf(result)).as("axe findings of impact %s or worse on %s", impact, driver.getCurrentUrl())
        .isEqualTo("[]");
  }

  /**
   * {@link #assertAccessible}, {@link #assertNoViolationsFrom} and the axe-core heading rules of
   * {@link #assertHeadingsInOrder} from one run of every rule over the page (each rule finds the same whether it runs
   * alone or with the others), asserted in that order with the same messages; then the heading outline. For a page
   * whose DOM is large (Swagger UI's), where each run of axe-core takes seconds.
   */
  public void assertAccessibleHeadingsInOrderAndNoViolationsFrom(String impact) {
    injectAxe();
    Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
        var done = arguments[arguments.length - 1], wcag = arguments[0], least = arguments[1];
        var order = ['minor', 'moderate', 'serious', 'critical'];
        var headings = ['heading-order', 'page-has-heading-one', 'empty-heading'];
        axe.run(document, {resultTypes: ['violations']})
          .then(function (r) {
            var nodes = function (v) { return v.nodes.map(function (n) { return n.target.join(' '); }); };
            done([
              JSON.stringify(r.violations.filter(function (v) {
                return v.tags.some(function (t) { return wcag.indexOf(t) >= 0; });
              }).map(function (v) { return {id: v.id, impact: v.impact, help: v.help, nodes: nodes(v)}; })),
              JSON.stringify(r.violations.filter(function (v) { return order.indexOf(v.impact) >= order.indexOf(least); })
                .map(function (v) { return {id: v.id, impact: v.impact, nodes: nodes(v)}; })),
              JSON.stringify(r.violations.filter(function (v) { return headings.indexOf(v.id) >= 0; })
                .map(function (v) { return {id: v.id, nodes: nodes(v)}; }))]); })
          .catch(function (e) { done(['axe failed: ' + e, 'axe failed: ' + e, 'axe failed: ' + e]); });""",
        WCAG_22_AA, impact);
    var found = (List<?>) result;
    assertThat(String.valueOf(found.get(0))).as("axe WCAG 2.2 AA violations on %s", driver.getCurrentUrl()).isEqualTo("[]");
    assertThat(String.valueOf(found.get(1))).as("axe findings of impact %s or worse on %s", impact, driver.getCurrentUrl())
        .isEqualTo("[]");
    assertHeadingOutline();
    assertThat(String.valueOf(found.get(2))).as("axe heading rules on %s", driver.getCurrentUrl()).isEqualTo("[]");
  }

  /** Puts axe-core into the page open now, once: a page checked at two widths or by two rules takes it once. */
  private void injectAxe() {
    if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object' && typeof window.axe.run === 'function';"))) {
      injections.time(() -> script(axeSource()));
    }
  }

  private static String axe;

  private static synchronized String axeSource() {
    if (axe == null) {
      try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return axe;
  }

  @Override
  public void close() {
    driver.quit();
    System.out.println("Browser: " + loads + ", " + injections + ", " + audits);
  }

  /** How many times something was done and the time it took in all. */
  private static final class Spent {
    private final String what;
    private int times;
    private long nanos;

    Spent(String what) {
      this.what = what;
    }

    <T> T time(java.util.function.Supplier<T> action) {
      long start = System.nanoTime();
      try {
        return action.get();
      } finally {
        times++;
        nanos += System.nanoTime() - start;
      }
    }

    void time(Runnable action) {
      time(() -> {
        action.run();
        return null;
      });
    }

    @Override
    public String toString() {
      return what + " " + times + " in " + nanos / 1_000_000 + " ms";
    }
  }

  /** Skips, with a message, where Debian's chromium and chromium-driver are not installed. */
  public static class Installed implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (CHROMIUM.canExecute() && CHROMEDRIVER.canExecute()) {
        return ConditionEvaluationResult.enabled("Chromium found");
      }
      String message = "SKIPPED " + context.getDisplayName() + ": " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver).";
      System.err.println("[WARNING] " + message);
      return ConditionEvaluationResult.disabled(message);
    }
  }
}
