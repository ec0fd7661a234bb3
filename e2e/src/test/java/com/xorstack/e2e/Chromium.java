package com.xorstack.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its chromedriver. The first use installs both
 * from Debian's packages when they are missing (the tests run as root here and in CI); a
 * machine where that fails gets a clear error, not a skipped test.
 */
final class Chromium {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	static synchronized WebDriver start() {
		install();
		try {
			Path profile = Files.createTempDirectory("xorstack-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(BROWSER.toFile());
			// the flags Debian's chromium needs headless as root on a closed network
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
					"--disable-background-timer-throttling", "--window-size=1366,900", "--user-data-dir=" + profile);
			// navigation returns once the document is parsed: every test then waits for
			// what it needs to see, and a page that keeps loading (the dashboard's live
			// stream, a busy two-core machine) does not time the renderer out
			options.setPageLoadStrategy(PageLoadStrategy.EAGER);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
			return driver;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot make a Chromium profile directory", ex);
		}
	}

	static void screenshot(WebDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot save screenshot " + name, ex);
		}
	}

	private static void install() {
		if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
			return;
		}
		run(List.of("apt-get", "update", "-qq"));
		run(List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"));
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException(
					"apt-get installed chromium and chromium-driver, yet " + BROWSER + " or " + DRIVER + " is missing");
		}
	}

	private static void run(List<String> command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
			builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
			int exit = builder.start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver; "
						+ String.join(" ", command) + " failed (exit " + exit + "): install them as root");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command + " to install chromium: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while installing chromium", ex);
		}
	}

}
