package cn.grassroots.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import cn.grassroots.Api;

/**
 * Headless Debian Chromium against the running application. Skipped where Chromium is absent,
 * except under CI=true, where it must run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	@LocalServerPort
	int port;

	Playwright playwright;
	Browser browser;
	BrowserContext context;
	Page page;

	@BeforeAll
	void launch() {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (!ci) {
			assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
		}
		playwright = Playwright.create();
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync")));
	}

	@BeforeEach
	void newContext() {
		context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US").setViewportSize(1366, 900));
		context.setDefaultTimeout(15_000);
		page = context.newPage();
	}

	@AfterEach
	void closeContext() {
		if (context != null) {
			context.close();
		}
	}

	@AfterAll
	void close() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	/** Starts over in a phone-sized context: 390 × 844 CSS pixels, touch, as a grid worker's phone. */
	void usePhone() {
		context.close();
		context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
			.setViewportSize(390, 844)
			.setDeviceScaleFactor(2)
			.setIsMobile(true)
			.setHasTouch(true));
		context.setDefaultTimeout(15_000);
		page = context.newPage();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void logIn(String username) {
		page.navigate(url("/login"));
		page.fill("#username", username);
		page.fill("#password", Api.PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL(url("/"));
	}

	/** Keeps a screenshot for README and for looking at a failure. */
	void screenshot(String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/" + name + ".png")).setFullPage(false));
	}
}
