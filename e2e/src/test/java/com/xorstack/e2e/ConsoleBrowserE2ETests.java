package com.xorstack.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console and the feedback widget in headless Chromium against the whole suite:
 * signing in through Keycloak's own login page, the tabs each role sees, triage, and the
 * widget on a sample page. Screenshots of every tab land in {@code target/screenshots}.
 */
class ConsoleBrowserE2ETests {

	private static final List<String> STORING_SERVICES = List.of("feedback-service", "ailog-service", "metrics-service",
			"auth-service");

	private static final List<String> ADMIN_TABS = List.of("Overview", "Engagement", "Feedback", "AI logs",
			"Performance", "Alerts", "Uptime", "Errors", "Users & roles", "Audit");

	private final String gateway = E2eSuite.get().gatewayUrl();

	private final WebTestClient api = WebTestClient.bindToServer()
		.baseUrl(this.gateway)
		.responseTimeout(Duration.ofSeconds(30))
		.build();

	private WebDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anAdminSeesTheLiveCardsChangeWhenAiCallsAreLogged() {
		signIn("demo-admin");
		By tokens = By.cssSelector("[data-testid='card-total-tokens'] .value");
		String before = waitUntil(ExpectedConditions.visibilityOfElementLocated(tokens)).getText();
		logAiCall(1234, 567);
		// metrics-service rolls the call up and the stream pushes the change within
		// seconds
		String after = waitUntil((driver) -> {
			String shown = driver.findElement(tokens).getText();
			return shown.equals(before) ? null : shown;
		});
		assertThat(number(after) - number(before)).isEqualTo(1234 + 567);
		String latency = waitUntil(
				(driver) -> driver.findElement(By.cssSelector("[data-testid='card-avg-latency'] .value")).getText());
		assertThat(latency).endsWith("ms");
		Chromium.screenshot(this.browser, "admin-overview-live");
	}

	@Test
	void theChartsFollowTheChosenWindow() {
		signIn("demo-admin");
		assertChartsCover("last hour", "1m");
		for (String[] window : new String[][] { { "30d", "last 30 days", "1h" }, { "15m", "last 15 min", "1m" },
				{ "7d", "last 7 days", "1h" } }) {
			new Select(this.browser.findElement(By.cssSelector("select[aria-label='Window']")))
				.selectByValue(window[0]);
			assertChartsCover(window[1], window[2]);
		}
		Chromium.screenshot(this.browser, "admin-overview-7d");
	}

	@Test
	void anAdminSeesWhatEveryServiceStores() {
		signIn("demo-admin");
		this.browser.get(this.gateway + "/admin/#performance");
		By rows = By.cssSelector("[data-testid='storage-table'] tbody tr");
		AtomicInteger polls = new AtomicInteger();
		// each service reports its tables shortly after it starts, then every few minutes
		waitUntil((driver) -> {
			Set<String> services = driver.findElements(rows)
				.stream()
				.map((row) -> row.findElement(By.tagName("td")).getText())
				.collect(Collectors.toSet());
			if (services.containsAll(STORING_SERVICES)) {
				return true;
			}
			if (polls.incrementAndGet() % 10 == 0) {
				driver.navigate().refresh();
			}
			return false;
		});
		List<String> ailogTables = this.browser.findElements(rows)
			.stream()
			.map((row) -> row.findElements(By.tagName("td")))
			.filter((cells) -> cells.get(0).getText().equals("ailog-service"))
			.map((cells) -> cells.get(1).getText() + " " + cells.get(2).getText())
			.toList();
		// the partitioned table is one row, its daily partitions summed into it
		assertThat(ailogTables).anyMatch((table) -> table.matches("ai_logs [\\d.,]+ (kB|MB|GB)"))
			.noneMatch((table) -> table.startsWith("ai_logs_"));
		assertThat(this.browser.findElement(By.cssSelector("[data-testid='storage-total']")).getText())
			.matches("[\\d.,]+ (kB|MB|GB)");
		Chromium.screenshot(this.browser, "admin-performance-storage");
	}

	@Test
	void anAdminSeesTodaysUsage() {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		By tasks = By
			.cssSelector("[data-testid='usage-table'] tr[data-day='" + today + "'] [data-key='tasksCompleted']");
		signIn("demo-admin");
		long before = number(waitUntil(ExpectedConditions.visibilityOfElementLocated(tasks)).getText());
		String ingest = E2eSuite.get().tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		this.api.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingest))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("events", List.of(usageEvent("task_completed"), usageEvent("task_completed"))))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(2);
		this.browser.navigate().refresh();
		waitUntil((driver) -> number(driver.findElement(tasks).getText()) == before + 2);
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView()",
				this.browser.findElement(By.cssSelector("[data-testid='usage-table']")));
		// the heatmap's cells are coloured by count under the strict policy (no style
		// attribute; the CSSOM)
		assertThat(this.browser.findElements(By.cssSelector("[data-testid='heatmap'] div[title]"))).isNotEmpty()
			.allSatisfy((cell) -> assertThat(cell.getCssValue("background-color")).matches("rgba?\\(37, 87, 214.*"));
		Chromium.screenshot(this.browser, "admin-overview-usage");
	}

	@Test
	void theValueUnderThePointerIsWhatTheEngagementApiAnswered() {
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String from = LocalDate.now(ZoneOffset.UTC).minusDays(29).toString();
		String ingest = E2eSuite.get().tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		String user = "e2e-engaged-" + UUID.randomUUID();
		this.api.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingest))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("events",
					List.of(Map.of("id", UUID.randomUUID().toString(), "kind", "feature_used", "feature",
							"e2e_meal_planner", "userId", user, "sessionId", user + "-s", "occurredAt",
							java.time.Instant.now().toString()))))
			.exchange()
			.expectStatus()
			.isAccepted();
		signIn("demo-admin");
		this.browser.get(this.gateway + "/admin/#engagement");
		By chart = By.cssSelector("[data-testid='chart-active-users']");
		// the console's own requests make demo-admin active today, a moment later: read
		// the
		// API and the chart again until both have settled on the same day
		waitUntil((driver) -> {
			Map<String, Object> day = lastDay(
					adminGet("/api/admin/analytics/engagement?from=" + from + "&to=" + today));
			List<String> shown = hover(driver.findElement(chart), 1.0);
			if (shown.get(0).equals(today) && shown.subList(1, 4)
				.equals(List.of(users(day.get("dau")), users(day.get("wau")), users(day.get("mau"))))) {
				return true;
			}
			driver.navigate().refresh();
			waitUntil(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("[data-testid='chart-active-users'] .u-over")));
			return false;
		});
		// the leftmost point is the window's first day
		assertThat(hover(this.browser.findElement(chart), 0.0).get(0)).isEqualTo(from);
		String feature = "[data-testid='features-table'] tr[data-feature='e2e_meal_planner'] td";
		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(feature)));
		assertThat(this.browser.findElements(By.cssSelector("[data-testid='retention-table'] tbody tr"))).isNotEmpty();
		Chromium.screenshot(this.browser, "admin-engagement");
	}

	/**
	 * Moves the pointer over the plot at {@code fraction} of its width and answers the
	 * legend: the time, then each series' value with its unit.
	 */
	private List<String> hover(WebElement chart, double fraction) {
		WebElement over = waitUntil((driver) -> chart.findElement(By.cssSelector(".u-over")));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
		int width = over.getSize().getWidth();
		// Selenium measures from the element's centre; one pixel inside either edge
		int x = (int) Math.round((fraction - 0.5) * (width - 2));
		new org.openqa.selenium.interactions.Actions(this.browser).moveToElement(over, x, 0).perform();
		return waitUntil((driver) -> {
			List<String> values = chart.findElements(By.cssSelector(".u-legend .u-value"))
				.stream()
				.map(WebElement::getText)
				.toList();
			return (values.isEmpty() || values.get(0).equals("–")) ? null : values;
		});
	}

	/** A count as the legend shows it, such as {@code 1,234 users}. */
	private static String users(Object count) {
		return String.format(java.util.Locale.US, "%,d users", ((Number) count).longValue());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> lastDay(Map<String, Object> engagement) {
		List<Map<String, Object>> days = (List<Map<String, Object>>) engagement.get("days");
		return days.get(days.size() - 1);
	}

	private Map<String, Object> adminGet(String uri) {
		return this.api.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Object> usageEvent(String kind) {
		return Map.of("id", UUID.randomUUID().toString(), "kind", kind, "userId", "e2e-user", "sessionId",
				"e2e-session", "occurredAt", java.time.Instant.now().toString());
	}

	@Test
	void anAdminSeesEveryTab() {
		signIn("demo-admin");
		assertThat(tabTitles()).containsExactlyElementsOf(ADMIN_TABS);
		for (WebElement tab : this.browser.findElements(By.cssSelector("#tabs a"))) {
			String id = tab.getAttribute("data-tab");
			tab.click();
			waitUntil(ExpectedConditions.attributeContains(By.cssSelector("#tabs a[data-tab='" + id + "']"), "class",
					"active"));
			waitForLoaded();
			Chromium.screenshot(this.browser, "admin-" + id);
		}
		assertThat(this.browser.findElement(By.id("who")).getText()).startsWith("demo-admin");
	}

	@Test
	void aModeratorSeesOnlyTriageAndTriagesAFeedback() {
		String marker = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		submitFeedback("demo-user", "The heart-rate chart is blank " + marker);

		signIn("demo-moderator");
		assertThat(tabTitles()).containsExactly("Feedback", "Errors");
		WebElement text = this.browser.findElement(By.cssSelector("form.filters input[name='q']"));
		text.sendKeys(marker);
		this.browser.findElement(By.cssSelector("form.filters button[type='submit']")).click();
		WebElement row = waitUntil(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//tr[.//span[@data-testid='feedback-message'][contains(., '" + marker + "')]]")));
		Chromium.screenshot(this.browser, "moderator-feedback");
		row.findElement(By.cssSelector("[data-testid='to-reviewed']")).click();
		waitUntil(ExpectedConditions.textToBe(By.cssSelector("[data-testid='notice']"), "Saved."));
		waitUntil(ExpectedConditions
			.textToBePresentInElementLocated(By.xpath("//tr[.//span[@data-testid='feedback-message'][contains(., '"
					+ marker + "')]]//span[@data-testid='feedback-status']"), "reviewed"));
		Chromium.screenshot(this.browser, "moderator-feedback-triaged");
	}

	@Test
	void anAdminAcknowledgesAFiringAlert() {
		String rule = "browser-rule-" + UUID.randomUUID().toString().substring(0, 8);
		String admin = E2eSuite.token("demo-admin");
		// fires at the next evaluation: the suite has answered requests in the last
		// minutes
		this.api.post()
			.uri("/api/admin/alert-rules")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", rule, "metric", "api.requests", "operator", "above", "threshold", 0, "window",
					"PT15M", "for", "PT0S", "severity", "warning", "receivers",
					List.of(Map.of("type", "webhook", "url", "http://127.0.0.1:9/alerts"))))
			.exchange()
			.expectStatus()
			.isCreated();
		try {
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> firingAlerts(E2eSuite.token("demo-admin")).contains(rule));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("The rule " + rule + " did not fire. Alerts: "
					+ firingAlerts(E2eSuite.token("demo-admin")) + "\nRequest rates: " + requestRates()
					+ "\nmetrics-service warnings: " + warnings(Service.METRICS), ex);
		}

		signIn("demo-admin");
		this.browser.findElement(By.cssSelector("#tabs a[data-tab='alerts']")).click();
		WebElement row = waitUntil(
				ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr[td[normalize-space(.)='" + rule + "']]")));
		row.findElement(By.cssSelector("[data-testid='ack']")).click();
		waitUntil(ExpectedConditions.textToBe(By.cssSelector("[data-testid='notice']"), "Acknowledged."));
		waitUntil(ExpectedConditions
			.textToBePresentInElementLocated(By.xpath("//tr[td[normalize-space(.)='" + rule + "']]"), "demo-admin"));
		Chromium.screenshot(this.browser, "admin-alerts-acknowledged");
	}

	@Test
	void someoneWithoutAConsoleRoleIsTurnedAway() {
		signIn("demo-user");
		waitUntil(ExpectedConditions.urlContains("/admin/denied.html"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not for this account");
	}

	@Test
	void theWidgetSendsFeedbackFromASamplePage() {
		this.browser = Chromium.start();
		String token = E2eSuite.token("demo-user-2");
		this.browser.get(this.gateway + "/widget/demo.html#token=" + token);
		SearchContext widget = waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("xorstack-feedback")))
			.getShadowRoot();
		// styled under the page's policy (no inline style): #2557d6 is the widget's own
		assertThat(widget.findElement(By.cssSelector(".fab")).getCssValue("background-color"))
			.isEqualTo("rgba(37, 87, 214, 1)");
		// the sample app's own API call, whose trace the widget notes for the feedback
		String traceId = waitUntil((driver) -> {
			String noted = driver.findElement(By.tagName("body")).getAttribute("data-trace-id");
			return (noted != null && !noted.isEmpty()) ? noted : null;
		});
		assertThat(traceId).matches("[0-9a-f]{32}");
		widget.findElement(By.cssSelector(".fab")).click();
		String message = "Sent from the widget " + UUID.randomUUID();
		widget.findElement(By.cssSelector("select")).sendKeys("An idea");
		widget.findElement(By.cssSelector("textarea")).sendKeys(message);
		widget.findElement(By.cssSelector(".stars button:nth-child(4)")).click();
		widget.findElement(By.cssSelector(".send")).click();
		waitUntil((driver) -> widget.findElement(By.cssSelector(".result")).getText().startsWith("Thank you"));
		Chromium.screenshot(this.browser, "widget-sent");

		List<Map<String, Object>> mine = this.api.get()
			.uri("/api/feedback?limit=200")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("items");
		assertThat(mine).anySatisfy((feedback) -> assertThat(feedback).containsEntry("message", message)
			.containsEntry("category", "feature")
			.containsEntry("rating", 4)
			.containsEntry("pageUrl", this.gateway + "/widget/demo.html")
			.containsEntry("traceId", traceId));
	}

	/**
	 * From a number to its trace: feedback tied to the trace a user quoted (the gateway's
	 * X-Trace-Id of their request) links from the console to that trace in the local
	 * Zipkin, which shows the request's services.
	 */
	@Test
	void anAdminFollowsAFeedbacksTraceLinkToTheTrace() {
		String user = E2eSuite.token("demo-user");
		String traceId = this.api.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(user))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");
		assertThat(traceId).as("X-Trace-Id").matches("[0-9a-f]{32}");
		this.api.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "bug", "message", "My profile did not load", "traceId", traceId))
			.exchange()
			.expectStatus()
			.isCreated();

		signIn("demo-admin");
		this.browser.get(this.gateway + "/admin/#feedback");
		WebElement link = waitUntil(ExpectedConditions
			.elementToBeClickable(By.cssSelector("[data-testid='trace-link'][data-trace-id='" + traceId + "']")));
		assertThat(link.getAttribute("href")).isEqualTo(E2eSuite.get().traceServerUrl() + "/zipkin/traces/" + traceId);
		String console = this.browser.getWindowHandle();
		link.click();
		waitUntil((driver) -> driver.getWindowHandles().size() > 1);
		this.browser.getWindowHandles()
			.stream()
			.filter((handle) -> !handle.equals(console))
			.findFirst()
			.ifPresent((handle) -> this.browser.switchTo().window(handle));
		assertThat(this.browser.getCurrentUrl()).contains("/zipkin/traces/" + traceId);
		// Zipkin's page of the trace: the gateway's span and the service's behind it
		waitUntil((driver) -> {
			String shown = driver.findElement(By.tagName("body")).getText().toLowerCase(java.util.Locale.ROOT);
			return shown.contains("gateway") && shown.contains("auth-service");
		});
		Chromium.screenshot(this.browser, "zipkin-trace-from-console");
	}

	/**
	 * An AI call posted without a trace id keeps the trace it came in (the ingest
	 * request's, which the gateway named in X-Trace-Id): its row links to that trace.
	 */
	@Test
	void anAiCallsRowLinksToTheTraceItCameIn() {
		String ingest = E2eSuite.get().tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		String traceId = this.api.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers.setBearerAuth(ingest))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", UUID.randomUUID().toString(), "occurredAt", java.time.Instant.now().toString(),
					"functionName", "trace-link", "status", "success", "requestModel", "gpt-4o-mini", "durationMs", 420,
					"inputTokens", 10, "outputTokens", 5))
			.exchange()
			.expectStatus()
			.isAccepted()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");
		assertThat(traceId).as("X-Trace-Id").matches("[0-9a-f]{32}");
		signIn("demo-admin");
		this.browser.get(this.gateway + "/admin/#ailogs");
		By link = By.cssSelector("[data-testid='trace-link'][data-trace-id='" + traceId + "']");
		AtomicInteger polls = new AtomicInteger();
		WebElement found = waitUntil((driver) -> {
			List<WebElement> links = driver.findElements(link);
			if (!links.isEmpty()) {
				return links.get(0);
			}
			if (polls.incrementAndGet() % 10 == 0) {
				driver.navigate().refresh();
			}
			return null;
		});
		assertThat(found.getAttribute("href")).isEqualTo(E2eSuite.get().traceServerUrl() + "/zipkin/traces/" + traceId);
	}

	/**
	 * The Performance tab lists the slowest requests of the last hour, each with a link
	 * to its trace (every gateway request is traced, with or without a traceparent).
	 */
	@Test
	void theSlowestRequestsLinkToTheirTraces() {
		signIn("demo-admin");
		this.browser.get(this.gateway + "/admin/#performance");
		By links = By.cssSelector("[data-testid='slowest-table'] [data-testid='trace-link']");
		AtomicInteger polls = new AtomicInteger();
		// the gateway's request events reach metrics-service within seconds
		WebElement link = waitUntil((driver) -> {
			List<WebElement> found = driver.findElements(links);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			if (polls.incrementAndGet() % 10 == 0) {
				driver.navigate().refresh();
			}
			return null;
		});
		assertThat(link.getAttribute("href"))
			.matches(java.util.regex.Pattern.quote(E2eSuite.get().traceServerUrl()) + "/zipkin/traces/[0-9a-f]{32}");
		Chromium.screenshot(this.browser, "admin-performance-slowest");
	}

	/**
	 * Swagger UI runs under a policy of its own (scripts from files only): it still
	 * renders each service's operations and its own styles.
	 */
	@Test
	void swaggerUiWorksUnderItsPolicy() {
		this.browser = Chromium.start();
		this.browser.get(this.gateway + "/swagger-ui.html");
		WebElement operation = waitUntil(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock-summary")));
		// swagger-ui.css lays an operation's summary out as a flex row
		assertThat(operation.getCssValue("display")).isEqualTo("flex");
		assertThat(this.browser.findElements(By.cssSelector(".swagger-ui .opblock"))).hasSizeGreaterThan(1);
		Chromium.screenshot(this.browser, "swagger-ui");
	}

	@Test
	void theWidgetShowsTheServersRefusal() {
		this.browser = Chromium.start();
		this.browser.get(this.gateway + "/widget/demo.html#token=" + E2eSuite.token("demo-user"));
		SearchContext widget = waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("xorstack-feedback")))
			.getShadowRoot();
		widget.findElement(By.cssSelector(".fab")).click();
		widget.findElement(By.cssSelector(".send")).click();
		waitUntil((driver) -> widget.findElement(By.cssSelector(".result")).getText().contains("message"));
		assertThat(widget.findElement(By.cssSelector(".result")).getAttribute("class")).contains("bad");
		Chromium.screenshot(this.browser, "widget-refused");
	}

	private void signIn(String username) {
		this.browser = Chromium.start();
		this.browser.get(this.gateway + "/admin/");
		WebElement user = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
		// Keycloak's browser-facing address, not the one the gateway and services use
		// (E2eSuite): the sign-in works only if the gateway keeps the two apart
		assertThat(this.browser.getCurrentUrl()).startsWith(E2eSuite.get().devStack().keycloakPublicUrl() + "/")
			.startsWith("http://127.0.0.2:");
		user.sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(username);
		this.browser.findElement(By.id("kc-login")).click();
		waitUntil(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tabs a")),
				ExpectedConditions.urlContains("/admin/denied.html")));
	}

	private List<String> tabTitles() {
		return this.browser.findElements(By.cssSelector("#tabs a")).stream().map(WebElement::getText).toList();
	}

	/** Every chart titled for the window, loaded at that step, and none refused. */
	private void assertChartsCover(String label, String step) {
		By charts = By.cssSelector("[data-testid^='chart-']");
		waitUntil((driver) -> driver.findElements(charts).size() == 4 && driver.findElements(charts)
			.stream()
			.allMatch((chart) -> chart.findElement(By.tagName("h2")).getText().endsWith(", " + label)
					&& chart.findElements(By.xpath(".//*[normalize-space(.)='Loading…']")).isEmpty()));
		for (WebElement chart : this.browser.findElements(charts)) {
			assertThat(chart.getAttribute("data-step")).isEqualTo(step);
			assertThat(chart.findElements(By.cssSelector("[data-testid='error']"))).isEmpty();
		}
	}

	/** Until no panel of the view still says "Loading…". */
	private void waitForLoaded() {
		waitUntil((driver) -> driver.findElements(By.xpath("//main//*[normalize-space(.)='Loading…']")).isEmpty());
	}

	/**
	 * Waits for the condition; when it never holds, keeps a screenshot and says what the
	 * page showed, for the reader of the failure.
	 */
	private <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
		try {
			// the live cards and the panels are replaced when new data arrives, under a
			// reader's feet
			return new WebDriverWait(this.browser, Duration.ofSeconds(60))
				.ignoring(StaleElementReferenceException.class)
				.until(condition::apply);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			String name = "failed-" + System.currentTimeMillis();
			Chromium.screenshot(this.browser, name);
			String shown;
			try {
				shown = this.browser.getCurrentUrl() + "\n" + this.browser.findElement(By.tagName("body")).getText();
			}
			catch (RuntimeException unreadable) {
				shown = "(page unreadable: " + unreadable.getMessage() + ")";
			}
			throw new AssertionError("Waited 60 s in vain; screenshot " + name + ".png; the page showed:\n" + shown,
					ex);
		}
	}

	private String firingAlerts(String admin) {
		return this.api.get()
			.uri("/api/admin/alerts?limit=200")
			.headers((headers) -> headers.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private String requestRates() {
		return this.api.get()
			.uri("/api/admin/dashboard/summary?window=15m")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-admin")))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * The last lines at WARN or ERROR of a service's log, for the reader of a failure.
	 */
	private static List<String> warnings(Service service) {
		try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(E2eSuite.get().service(service).log())) {
			List<String> bad = lines.filter((line) -> line.contains("\"WARN\"") || line.contains("\"ERROR\"")).toList();
			return bad.subList(Math.max(0, bad.size() - 20), bad.size());
		}
		catch (java.io.IOException ex) {
			return List.of(ex.toString());
		}
	}

	private void logAiCall(int inputTokens, int outputTokens) {
		String ingest = E2eSuite.get().tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		this.api.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers.setBearerAuth(ingest))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", UUID.randomUUID().toString(), "occurredAt", java.time.Instant.now().toString(),
					"functionName", "sleep-coach", "status", "success", "requestModel", "gpt-4o-mini", "durationMs",
					840, "inputTokens", inputTokens, "outputTokens", outputTokens))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

	/** The number a card shows, such as {@code 12,345}; {@code –} is none yet. */
	private static long number(String shown) {
		String digits = shown.replaceAll("[^0-9]", "");
		return digits.isEmpty() ? 0 : Long.parseLong(digits);
	}

	private void submitFeedback(String user, String message) {
		this.api.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token(user)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "bug", "message", message))
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
