package io.netcron.server.http.ui;

import io.netcron.server.testing.ClassDatabase;
import io.netcron.server.testing.CloseAfterAll;
import io.netcron.server.testing.Sql;
import io.netcron.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by .ci/run) against a node with history: every page loads, an operator logs in as a
 * PostgreSQL role and pauses and reschedules a job through the page, a wrong login is refused.
 * Screenshots go to target/screenshots, or to {@code -Dnetcron.screenshots=DIR} (docs/img).
 */
class DashboardBrowserTest
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "s3cret-operator";
    private static final int HISTORY = 6;

    @ClassDatabase
    private static TestDatabase database;
    @CloseAfterAll
    private static DashboardNode node;
    private static String operator;
    private static String outsider;

    @TempDir
    static Path dataDirectory;

    private ChromeDriver browser;

    @BeforeAll
    static void startNodeWithHistory()
            throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: the dashboard's browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        node = DashboardNode.start(database, "dash-node", dataDirectory, Map.of("quartz.reconcile-interval", "1s"));
        // the node's discovered jobs stay listed but never fire here: one fails on its schedule (address-discovery,
        // no IPAM configured, at :15 every four hours) and would add a run to the pages counted below
        Sql.execute(database, "UPDATE netcron.job SET enabled = false");
        Sql.execute(database, """
                INSERT INTO netcron.job (name, category, description, implementation, schedule, params, max_retries) VALUES
                    ('extract', 'ipam', 'Pulls the address plan', 'sleep', '0 0 2 * * ?', '{"duration_ms": 30}', 0),
                    ('report', 'ipam', 'Mails the <b>weekly</b> report', 'sleep', '0 30 7 ? * MON-FRI', '{"duration_ms": 10}', 0),
                    ('flaky', 'ipam', 'Fails every time', 'sleep', NULL, '{"fail_rate": 1}', 0),
                    ('rotate', 'maintenance', 'Edited by the operator test', 'sleep', '0 0 2 * * ?', '{"duration_ms": 5}', 0)""");
        Sql.execute(database, """
                INSERT INTO netcron.job_dependency (job, depends_on, "on") VALUES
                    ('report', 'extract', 'success')""");
        for (int i = 0; i < HISTORY; i++) {
            // durations that vary, for the sparklines
            Sql.execute(database, "INSERT INTO netcron.job_request (job_name, params) VALUES ('extract', ?::jsonb), ('flaky', NULL)",
                    "{\"duration_ms\": " + (20 + 37 * i % 100) + "}");
            long expected = i + 1;
            await("history").atMost(Duration.ofSeconds(30)).until(() ->
                    Sql.count(database, "SELECT count(*) FROM netcron.job_run WHERE job_name IN ('extract', 'flaky', 'report') AND status <> 'running'") == 3 * expected);
        }
        // more edges for the graph, once the history is made (they would fire runs of their own)
        Sql.execute(database, "INSERT INTO netcron.job_dependency (job, depends_on, \"on\") VALUES ('flaky', 'extract', 'completion'), ('rotate', 'flaky', 'failure')");
        operator = node.createRole("op", PASSWORD, true);
        outsider = node.createRole("outsider", PASSWORD, false);
    }

    @BeforeEach
    void openBrowser()
    {
        browser = browser();
    }

    @AfterEach
    void closeBrowser()
    {
        browser.quit();
    }

    @Test
    void everyPageShowsTheClusterWithoutALogin()
            throws Exception
    {
        open("/ui");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/jobs");
        // the node's discovered jobs are listed too
        assertThat(rows("#jobs tbody tr")).contains("extract", "flaky", "report");
        WebElement extract = browser.findElement(By.cssSelector("tr[data-job=extract]"));
        assertThat(extract.getText()).contains("daily at 02:00").contains("0 0 2 * * ?").contains("succeeded");
        assertThat(extract.findElements(By.cssSelector("svg.spark rect.ok"))).hasSize(HISTORY);
        assertThat(browser.findElement(By.cssSelector("tr[data-job=report]")).getText()).contains("Mon-Fri at 07:30");
        assertThat(browser.findElements(By.cssSelector("tr[data-job=flaky] svg.spark rect.bad"))).hasSize(HISTORY);

        new Select(browser.findElement(By.name("category"))).selectByValue("ipam");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("category=ipam"));
        assertThat(rows("#jobs tbody tr")).containsExactly("extract", "flaky", "report");
        screenshot("dashboard-jobs", true);
        open("/ui/jobs");

        new Select(browser.findElement(By.name("status"))).selectByValue("failing");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("status=failing"));
        assertThat(rows("#jobs tbody tr")).contains("flaky").doesNotContain("extract", "report");

        open("/ui/job?name=report");
        // the description is escaped, never markup
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Mails the <b>weekly</b> report");
        assertThat(browser.findElement(By.id("dependencies")).getText()).contains("report runs after extract ends with success");
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(HISTORY);
        assertThat(browser.findElement(By.cssSelector("#runs tbody tr")).getText()).contains("dependency").contains("dash-node").contains("succeeded");
        assertThat(browser.findElement(By.id("read-only")).getText()).contains("Log in");
        assertThat(browser.findElements(By.id("pause"))).isEmpty();
        screenshot("dashboard-job");

        open("/ui/deps");
        WebElement graph = browser.findElement(By.id("dependency-graph"));
        assertThat(graph.findElements(By.cssSelector("path.edge"))).hasSize(3);
        assertThat(graph.findElements(By.cssSelector("path.edge.failure"))).hasSize(1);
        assertThat(graph.findElements(By.tagName("text")).stream().map(WebElement::getText).toList()).containsExactlyInAnyOrder("extract", "report", "flaky", "rotate");
        screenshot("dashboard-deps", true);

        open("/ui/nodes");
        WebElement node = browser.findElement(By.cssSelector("tr[data-node=dash-node]"));
        assertThat(node.getText()).contains("active").contains("ago").contains(" / " + threads());
        screenshot("dashboard-nodes", true);

        open("/ui/failures");
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).hasSize(HISTORY);
        assertThat(browser.findElement(By.id("runs")).getText()).contains("flaky").contains("failed");
        screenshot("dashboard-failures", true);

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/ui/jobs");
        screenshot("dashboard-phone");
    }

    @Test
    void anOperatorPausesAndReschedulesAJobFromThePageAndTheAuditNamesThem()
            throws Exception
    {
        logIn(operator, PASSWORD);
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(operator);

        open("/ui/job?name=rotate");
        browser.findElement(By.id("pause")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("Paused rotate.");
        assertThat(Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'rotate'")).isEqualTo(false);
        assertThat(Sql.value(database, "SELECT db_user FROM netcron.job_change WHERE job_name = 'rotate' ORDER BY id DESC LIMIT 1")).isEqualTo(operator);
        assertThat(browser.findElement(By.id("audit")).getText()).contains(operator).contains("enabled").contains("true → false");

        WebElement schedule = browser.findElement(By.cssSelector("#schedule input[name=schedule]"));
        schedule.clear();
        schedule.sendKeys("30 4 * * *");
        WebElement zone = browser.findElement(By.cssSelector("#schedule input[name=zone]"));
        zone.clear();
        zone.sendKeys("Europe/Berlin");
        browser.findElement(By.id("preview")).click();
        List<WebElement> fireTimes = browser.findElements(By.cssSelector("#fire-times li"));
        assertThat(fireTimes).hasSize(5);
        assertThat(fireTimes.getFirst().getText()).contains("04:30:00").contains("Europe/Berlin");
        // previewing writes nothing
        assertThat(Sql.value(database, "SELECT schedule FROM netcron.job WHERE name = 'rotate'")).isEqualTo("0 0 2 * * ?");
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("schedule")));
        screenshot("dashboard-edit-schedule");
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("Saved the schedule of rotate.");
        assertThat(Sql.rows(database, "SELECT schedule, time_zone FROM netcron.job WHERE name = 'rotate'"))
                .containsExactly(Map.of("schedule", "30 4 * * *", "time_zone", "Europe/Berlin"));

        schedule = browser.findElement(By.cssSelector("#schedule input[name=schedule]"));
        schedule.clear();
        schedule.sendKeys("61 * * * *");
        browser.findElement(By.id("preview")).click();
        assertThat(browser.findElement(By.id("preview-result")).getText()).contains("not a valid cron expression");
        assertThat(browser.findElements(By.id("save"))).isEmpty();

        browser.findElement(By.id("resume")).click();
        await("resumed").atMost(Duration.ofSeconds(10)).until(() -> Sql.value(database, "SELECT enabled FROM netcron.job WHERE name = 'rotate'").equals(true));
        // the answer page, not the page the click left (the database can change before the browser has loaded it)
        await("the resumed page").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(By.id("flash")).getText().equals("Resumed rotate."));
        browser.findElement(By.cssSelector("#run textarea[name=params]")).sendKeys("duration_ms=5");
        browser.findElement(By.id("run-now")).click();
        assertThat(browser.findElement(By.id("flash")).getText()).startsWith("Asked the cluster to run rotate");
        assertThat(Sql.rows(database, "SELECT requested_by, params::text AS params FROM netcron.job_request WHERE job_name = 'rotate' ORDER BY id DESC LIMIT 1"))
                .containsExactly(Map.of("requested_by", operator, "params", "{\"duration_ms\": 5}"));
    }

    @Test
    void aWrongLoginIsRefusedWithAClearMessage()
    {
        logIn("nobody_" + operator, PASSWORD);
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Login refused: wrong user name or password.");
        assertThat(browser.manage().getCookieNamed(Dashboard.COOKIE)).isNull();

        logIn(outsider, PASSWORD);
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("is not a member of netcron_operator");
        assertThat(browser.manage().getCookieNamed(Dashboard.COOKIE)).isNull();
        open("/ui/job?name=extract");
        assertThat(browser.findElements(By.id("pause"))).isEmpty();
    }

    private void logIn(String user, String password)
    {
        open("/ui/login");
        browser.findElement(By.name("user")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private List<String> rows(String selector)
    {
        return browser.findElements(By.cssSelector(selector)).stream().map(row -> row.getAttribute("data-job")).toList();
    }

    private void open(String path)
    {
        browser.get(node.uri(path).toString());
    }

    private static String threads()
    {
        return Sql.value(database, "SELECT threads FROM netcron.node WHERE node_id = 'dash-node'").toString();
    }

    private void screenshot(String name)
            throws Exception
    {
        screenshot(name, false);
    }

    /** The viewport, or with {@code mainOnly} just the page's content (short pages stay small). */
    private void screenshot(String name, boolean mainOnly)
            throws Exception
    {
        Path directory = Path.of(System.getProperty("netcron.screenshots", "target/screenshots"));
        Files.createDirectories(directory);
        File shot = mainOnly ? browser.findElement(By.tagName("main")).getScreenshotAs(OutputType.FILE) : browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static ChromeDriver browser()
    {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root (CI containers) Chromium refuses its sandbox; /dev/shm is small in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1024,768", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
