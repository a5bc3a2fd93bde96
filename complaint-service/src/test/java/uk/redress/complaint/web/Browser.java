package uk.redress.complaint.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.redress.complaint.TestCallers;

/**
 * The web pages in a real browser: Debian's Chromium, driven headless through its chromedriver (no browser
 * download). Screenshots and printed pages go to target/screenshots.
 */
public final class Browser {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    public static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(executable("chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChromeDriver(driver, options);
    }

    /** Through the local sign-in page, which a visit to the tasklist without a session leads to. */
    public static void signIn(WebDriver browser, URL tasklist, String user, String name, String role) {
        browser.manage().deleteAllCookies();
        browser.get(tasklist.toString());
        waitFor(browser).until(driver -> driver.getCurrentUrl().contains("/tasklist/sign-in"));
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("organisation")).sendKeys(TestCallers.ORGANISATION);
        browser.findElement(By.id("role-" + role)).click();
        browser.findElement(By.xpath("//button[text()='Sign in']")).click();
        waitFor(browser).until(driver -> driver.findElement(By.className("redress-nav__user")).getText()
                .equals("Signed in as " + name));
    }

    /** Waits through a page being replaced, whose elements go stale meanwhile. */
    public static FluentWait<WebDriver> waitFor(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class);
    }

    public static void screenshot(WebDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Debian's packages put both on the PATH; a missing one fails the test, naming it. */
    private static String executable(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException(name + " is not installed: apt-get install chromium chromium-driver "
                + "(./mvnw verify runs deploy/local/install-browser, which installs them)");
    }
}
