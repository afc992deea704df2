package testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver), driven over WebDriver. No browser or
 * driver is ever downloaded: without the packages the test fails and says how to install them.
 * Screenshots go to target/screenshots/ for review.
 */
public final class Browser implements AutoCloseable {

	public static final Path SCREENSHOTS = Path.of("target", "screenshots");
	private static final String CHROMIUM = System.getProperty("fibroplan.chromium", "/usr/bin/chromium");
	private static final String CHROMEDRIVER = System.getProperty("fibroplan.chromedriver", "/usr/bin/chromedriver");

	private final ChromeDriver driver;
	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	public static Browser start() {
		if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
			throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
					+ "): apt-get install -y chromium chromium-driver (.ci/run does this when they are missing)");
		}
		try {
			Path profile = Files.createTempDirectory("fibroplan-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			// The machine's network is closed: Chromium's background services would only fail, noisily.
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
					"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-extensions", "--window-size=1400,1600", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
					.usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
			return new Browser(driver, profile);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	public WebDriver driver() {
		return driver;
	}

	public void open(String url) {
		driver.get(url);
	}

	/** Signs in on the identity provider's login form, wherever the page sent us. */
	public void signIn(String username, String password) {
		waitFor(d -> d.getCurrentUrl().contains("/login"), "the login form");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
	}

	public WebElement find(String css) {
		return waitFor(d -> {
			List<WebElement> found = d.findElements(By.cssSelector(css));
			return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
		}, css);
	}

	/** An element that is on the page, shown or not (hidden form fields). */
	public WebElement findPresent(String css) {
		return waitFor(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null), css);
	}

	public List<WebElement> findAll(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	public WebElement findText(String css, String text) {
		return waitFor(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null),
				css + " containing \"" + text + "\"");
	}

	/**
	 * Waits up to 30 s; on a timeout, saves a screenshot and says what the page showed. An element that went
	 * stale while the condition read it (htmx or a reload swapped the page under it) only means "look again".
	 */
	public <T> T waitFor(Function<WebDriver, T> condition, String what) {
		try {
			return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(condition::apply);
		} catch (org.openqa.selenium.TimeoutException e) {
			Path shot = screenshot("failed-" + System.currentTimeMillis());
			String page = driver.findElements(By.tagName("body")).stream().map(WebElement::getText).findFirst().orElse(driver.getPageSource());
			throw new AssertionError("Waited 30 s for " + what + " on " + driver.getCurrentUrl() + " (screenshot " + shot + "). The page said:\n"
					+ page.substring(0, Math.min(page.length(), 3000)), e);
		}
	}

	public Object script(String javascript, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(javascript, args);
	}

	/** Form controls a screen reader could not name: no label and no aria-label (hidden fields excepted). */
	@SuppressWarnings("unchecked")
	public List<String> unlabelledControls() {
		return (List<String>) script("return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
				+ ".filter(function (e) { return e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'); })"
				+ ".map(function (e) { return e.name || e.id || e.outerHTML; });");
	}

	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException ignored) {
			// a leftover temporary profile is harmless
		}
	}
}
