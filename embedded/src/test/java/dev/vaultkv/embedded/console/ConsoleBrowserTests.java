package dev.vaultkv.embedded.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium: sign in, create a secret, rotate it, see the requests (with the
 * application that made them) in the live log, reveal a value only on click. Skipped where Debian's
 * Chromium or its driver is absent.
 */
class ConsoleBrowserTests {

	private static final System.Logger logger = System.getLogger(ConsoleBrowserTests.class.getName());

	// Selenium warns that it has no DevTools bindings for this Chromium; the test does not use them
	private static final Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

	private static final Logger CDP_DRIVER_WARNINGS = quiet("org.openqa.selenium.chromium.ChromiumDriver");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final String ROOT_TOKEN = "console-root-7f3a9c";

	private EmbeddedVaultServer server;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
				: !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
		if (missing != null) {
			String reason = "Console browser test skipped: " + missing
					+ " is missing (apt-get install chromium chromium-driver)";
			logger.log(System.Logger.Level.WARNING, reason);
			assumeTrue(false, reason);
		}
		this.server = EmbeddedVaultServer.builder().rootToken(ROOT_TOKEN).console(true).start();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1280,900",
				"--user-data-dir=" + profile.toAbsolutePath());
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			try {
				// no script error and no Content-Security-Policy violation; failed requests (403, 404) are
				// expected where the test asks for them
				List<String> errors = this.driver.manage()
					.logs()
					.get(LogType.BROWSER)
					.getAll()
					.stream()
					.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
					.map(LogEntry::getMessage)
					.filter((message) -> !message.contains("Failed to load resource"))
					.toList();
				assertThat(errors).isEmpty();
			}
			finally {
				this.driver.quit();
			}
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void createRotateAndWatchTheRequestLog() throws IOException {
		ConsoleHttp http = new ConsoleHttp(this.server.getAddress());
		this.driver.get(this.server.getConsoleAddress().toString());

		// a wrong token is refused, the root token signs in
		WebElement token = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
		token.sendKeys("not-the-root-token");
		this.driver.findElement(By.id("sign-in")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("login-error"), "That is not the root token of this server."));
		token.clear();
		token.sendKeys(ROOT_TOKEN);
		this.driver.findElement(By.id("sign-in")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#mounts button[data-mount='secret/']")));

		// create a secret
		this.driver.findElement(By.cssSelector("#new-secret summary")).click();
		WebElement path = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret-path")));
		path.clear();
		path.sendKeys("billing/db");
		this.driver.findElement(By.id("new-field-key-0")).sendKeys("password");
		this.driver.findElement(By.id("new-field-value-0")).sendKeys("first-s3cr3t");
		this.driver.findElement(By.id("create-secret")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("secret-title"), "secret/billing/db"));
		assertThat(secretField(http, "password")).isEqualTo("first-s3cr3t");

		// rotate it: write version 2
		this.driver.findElement(By.id("write-version-summary")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-field-value-0"))).sendKeys("second-s3cr3t");
		this.driver.findElement(By.id("write-secret")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Wrote version 2"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("version-select"), "2 (current)"));
		assertThat(secretField(http, "password")).isEqualTo("second-s3cr3t");

		// the value is hidden until clicked
		By value = By.cssSelector("tr[data-field='password'] .secret-value");
		assertThat(this.driver.findElements(value)).isEmpty();
		assertThat(this.driver.getPageSource()).doesNotContain("second-s3cr3t").doesNotContain("first-s3cr3t");
		assertThat(this.driver.findElement(By.cssSelector("tr[data-field='password'] .masked")).isDisplayed()).isTrue();
		screenshot("secret-hidden");
		this.driver.findElement(By.cssSelector("tr[data-field='password'] button.reveal")).click();
		this.wait.until(ExpectedConditions.textToBe(value, "second-s3cr3t"));
		screenshot("secret-revealed");

		// an application reads the secret with its own token
		assertThat(http.send("PUT", "/v1/sys/policies/acl/billing-read", ROOT_TOKEN,
				"{\"policy\": \"path \\\"secret/data/billing/*\\\" { capabilities = [\\\"read\\\"] }\"}")
			.status()).isEqualTo(204);
		String appToken = http
			.send("POST", "/v1/auth/token/create", ROOT_TOKEN,
					"{\"display_name\": \"billing\", \"policies\": [\"default\", \"billing-read\"]}")
			.json()
			.path("auth")
			.path("client_token")
			.asString();
		assertThat(http.send("GET", "/v1/secret/data/billing/db", appToken, null, "User-Agent", "billing-service/1.4")
			.status()).isEqualTo(200);

		// the live request log shows the rotation and who read what, never a token
		this.driver.findElement(By.id("tab-requests")).click();
		By rotation = By.cssSelector("#request-log tr[data-method='POST'][data-path='secret/data/billing/db']");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(rotation, 2));
		By appRead = By.cssSelector("#request-log tr[data-method='GET'][data-path='secret/data/billing/db']"
				+ "[data-status='200'][data-caller='token-billing']");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(appRead, 1));
		assertThat(texts(appRead)).singleElement()
			.asString()
			.contains("token-billing")
			.contains("billing-read")
			.contains("billing-service/1.4");
		// filtering by the application keeps only its requests
		this.driver.findElement(By.id("log-filter")).sendKeys("billing-service");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#request-log tbody tr"), 1));
		screenshot("request-log-filtered");
		this.driver.findElement(By.id("log-filter")).clear();
		this.wait.until(ExpectedConditions.numberOfElementsToBe(rotation, 2));
		assertThat(texts(By.cssSelector("#request-log tr[data-method='POST'][data-path='secret/data/billing/db'] td.caller")))
			.containsExactly("root", "root");
		assertThat(this.driver.getPageSource()).doesNotContain(ROOT_TOKEN).doesNotContain(appToken);
		screenshot("request-log");
	}

	@Test
	void sealsMovesTheClockAndSwitchesFaults() throws IOException {
		ConsoleHttp http = new ConsoleHttp(this.server.getAddress());
		this.server.putSecret("secret/app/config", Map.of("mode", "blue"));
		// the command line's link carries the token in the fragment, which never reaches the server
		this.driver.get(this.server.getConsoleAddress() + "#token=" + ROOT_TOKEN);
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-server"))).click();
		assertThat(this.driver.getCurrentUrl()).doesNotContain(ROOT_TOKEN);

		// seal and unseal
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("seal"))).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("seal-state"), "sealed"));
		assertThat(this.server.isSealed()).isTrue();
		this.driver.findElement(By.id("unseal-key")).sendKeys("ZGV2LXVuc2VhbC1rZXk=");
		this.driver.findElement(By.id("unseal")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("seal-state"), "unsealed"));
		assertThat(this.server.isSealed()).isFalse();

		// advance the server clock by two hours
		WebElement advanceBy = this.driver.findElement(By.id("advance-by"));
		advanceBy.clear();
		advanceBy.sendKeys("2h");
		Instant before = this.server.clock().instant();
		this.driver.findElement(By.id("advance")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Server time is now"));
		assertThat(Duration.between(before, this.server.clock().instant())).isGreaterThanOrEqualTo(Duration.ofHours(2));

		// switch a fault on: reads of secret/data/* answer 503
		this.driver.findElement(By.id("fault-path")).sendKeys("secret/data/.*");
		this.driver.findElement(By.id("fault-error")).sendKeys("injected outage");
		this.driver.findElement(By.id("add-fault")).click();
		By fault = By.cssSelector("#faults tr[data-fault]");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(fault, 1));
		assertThat(http.send("GET", "/v1/secret/data/app/config", ROOT_TOKEN, null).status()).isEqualTo(503);
		// the live list counts the hit
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("#faults tr[data-fault] td:nth-child(4)"), "1"));
		screenshot("server");

		// and off again
		click(By.cssSelector("#faults tr[data-fault] button"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(fault, 0));
		assertThat(http.send("GET", "/v1/secret/data/app/config", ROOT_TOKEN, null).status()).isEqualTo(200);
	}

	@Test
	void browsesKvVersion1AndDeletesUndeletesAndDestroysVersions() {
		ConsoleHttp http = new ConsoleHttp(this.server.getAddress());
		assertThat(http.send("POST", "/v1/sys/mounts/legacy", ROOT_TOKEN, "{\"type\":\"kv\"}").status()).isEqualTo(204);
		this.server.putSecret("legacy/team/api", Map.of("key", "v1-value"));
		this.server.putSecret("secret/app/config", Map.of("mode", "blue"));
		this.server.putSecret("secret/app/config", Map.of("mode", "green"));
		this.driver.get(this.server.getConsoleAddress() + "#token=" + ROOT_TOKEN);

		// KV v1: folder, secret, value on click
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#mounts button[data-mount='legacy/']")))
			.click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#secret-list button[data-key='team/']")))
			.click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#secret-list button[data-key='api']")))
			.click();
		this.wait.until(ExpectedConditions.textToBe(By.id("secret-title"), "legacy/team/api"));
		assertThat(this.driver.findElement(By.id("versions")).isDisplayed()).isFalse();
		this.driver.findElement(By.cssSelector("tr[data-field='key'] button.reveal")).click();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-field='key'] .secret-value"), "v1-value"));

		// KV v2: delete, undelete and destroy version 2
		this.driver.findElement(By.cssSelector("#mounts button[data-mount='secret/']")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#secret-list button[data-key='app/']")))
			.click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#secret-list button[data-key='config']")))
			.click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("version-select"), "2 (current)"));
		this.driver.findElement(By.id("delete-version")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("version-state"), "deleted"));
		assertThat(http.send("GET", "/v1/secret/data/app/config", ROOT_TOKEN, null).status()).isEqualTo(404);
		this.driver.findElement(By.id("undelete-version")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("version-state"), ""));
		assertThat(http.send("GET", "/v1/secret/data/app/config", ROOT_TOKEN, null).status()).isEqualTo(200);
		this.driver.findElement(By.id("destroy-version")).click();
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
		this.wait.until(ExpectedConditions.textToBe(By.id("version-state"), "destroyed"));
		assertThat(http.send("GET", "/v1/secret/metadata/app/config", ROOT_TOKEN, null)
			.json()
			.path("data")
			.path("versions")
			.path("2")
			.path("destroyed")
			.asBoolean()).isTrue();
	}

	/**
	 * Click an element of a live list, finding it again if a refresh replaced it in between.
	 */
	private void click(By locator) {
		this.wait.ignoring(StaleElementReferenceException.class).until((driver) -> {
			driver.findElement(locator).click();
			return true;
		});
	}

	/**
	 * Return the texts of the elements of a live list, reading them again if a refresh replaced them.
	 */
	private List<String> texts(By locator) {
		return this.wait.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(locator).stream().map(WebElement::getText).toList());
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	private String secretField(ConsoleHttp http, String field) {
		return http.send("GET", "/v1/secret/data/billing/db", ROOT_TOKEN, null)
			.json()
			.path("data")
			.path("data")
			.path(field)
			.asString();
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name + ".png"), png);
	}

}
