package uk.redress.complaint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.redress.complaint.TestCallers.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import uk.redress.complaint.ComplaintFixtures;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

/** The web tasklist in a real browser (see {@link Browser}); screenshots go to target/screenshots. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
class TasklistBrowserTest {

    private static WebDriver browser;

    @InjectLocalStack
    LocalStackProcess stack;

    @TestHTTPResource("/tasklist")
    URL tasklist;

    @BeforeAll
    static void startTheBrowser() {
        browser = Browser.chromium();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCaseworkerClaimsAndCompletesTheAcknowledgementThenSeesTheResponseTaskAndMovesItsDate() throws IOException {
        LocalDate today = stack.today();
        String reference = "SEND-" + today.getYear() + "-";
        String complaintId = receive(ComplaintFixtures.complaint(today));
        String acknowledgement = openTaskOf(complaintId);
        signIn("sam.caseworker", "Sam Caseworker", "caseworker");
        listTasksOf(complaintId);

        WebElement row = row(acknowledgement);
        assertThat(row.getText()).contains("Acknowledge the complaint")
                .contains(inWords(ComplaintFixtures.workingDaysAfter(today, 3))).contains("Not claimed");
        screenshot("tasklist");
        row.findElement(By.tagName("button")).click();
        assertThat(notice()).startsWith("You claimed Acknowledge the complaint for " + reference);
        assertThat(row(acknowledgement).getText()).contains("Claimed by sam.caseworker");

        row(acknowledgement).findElement(By.linkText("Acknowledge the complaint")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Acknowledge the complaint");
        assertThat(browser.findElement(By.id("complaint-summary")).getText())
                .isEqualTo("No reply to our request for an EHC needs assessment");
        assertThat(browser.getPageSource()).contains("Days not counted").contains("Timeline");
        // The receipt date in words, as the due dates beside it are.
        assertThat(browser.findElement(By.tagName("main")).getText()).containsPattern("Received\\s+" + inWords(today));
        screenshot("task-page");
        browser.findElement(By.xpath("//button[text()='Record the acknowledgement']")).click();
        assertThat(visible(By.className("govuk-error-summary")).getText()).contains("letter");
        browser.findElement(By.id("letter")).sendKeys("Dear Sam, we received your complaint today.");
        browser.findElement(By.xpath("//button[text()='Record the acknowledgement']")).click();
        assertThat(notice()).startsWith("Acknowledge the complaint recorded for " + reference);

        // Durham gives 20 working days from receipt for the response.
        LocalDate responseDue = ComplaintFixtures.workingDaysAfter(today, 20);
        String response = openTaskOf(complaintId);
        listTasksOf(complaintId);
        assertThat(row(response).getText()).contains("Investigate and send the stage 1 response")
                .contains(inWords(responseDue));
        assertThat(api().get("/api/v1/complaints/" + complaintId + "/events").then().extract()
                .<List<String>>path("findAll { it.type in ['TaskAssigned', 'Acknowledged'] }.recordedBy"))
                .containsExactly("sam.caseworker", "sam.caseworker");

        LocalDate extended = ComplaintFixtures.workingDaysAfter(responseDue, 5);
        row(response).findElement(By.linkText("Investigate and send the stage 1 response")).click();
        browser.findElement(By.id("newDueDate")).sendKeys(extended.toString());
        browser.findElement(By.id("extension-reason")).sendKeys("The school's records arrive next week");
        browser.findElement(By.xpath("//button[text()='Extend the deadline']")).click();
        assertThat(notice()).isEqualTo("Deadline extended");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(inWords(extended))
                .contains("Extended from " + responseDue + " to " + extended + ": The school's records arrive next week");
        listTasksOf(complaintId);
        assertThat(row(response).getText()).contains(inWords(extended));

        // What it is about, for the reports: from the organisation's lists, recorded as the caseworker.
        row(response).findElement(By.linkText("Investigate and send the stage 1 response")).click();
        new Select(browser.findElement(By.id("serviceArea"))).selectByVisibleText("Transport");
        browser.findElement(By.xpath("//label[text()='Delay']")).click();
        browser.findElement(By.xpath("//label[text()='Communication']")).click();
        browser.findElement(By.xpath("//button[text()='Record what it is about']")).click();
        assertThat(notice()).isEqualTo("Classification recorded");
        assertThat(browser.findElement(By.id("service-area")).getText()).isEqualTo("Transport");
        assertThat(browser.findElement(By.id("themes")).getText()).isEqualTo("Delay, Communication");
        assertThat(api().get("/api/v1/complaints/" + complaintId).then().extract()
                .<List<String>>path("classification.themes")).containsExactly("Delay", "Communication");
    }

    @Test
    void aManagerReassignsAnOverdueTask() throws IOException {
        // Received two months ago: its acknowledgement lapsed weeks ago.
        String complaintId = receive(ComplaintFixtures.complaint(stack.today().minusMonths(2)));
        String task = openTaskOf(complaintId);

        signIn("morgan.manager", "Morgan Manager", "manager");
        browser.get(tasklist + "/manager");
        WebElement row = row(task);
        assertThat(row.getText()).contains("Overdue").contains("working days overdue");
        screenshot("manager");
        row.findElement(By.name("assignee")).sendKeys("alex.officer");
        row.findElement(By.tagName("button")).click();

        assertThat(notice()).endsWith("is now with alex.officer");
        assertThat(api().get("/api/v1/tasks/" + task).then().extract().<String>path("assignee"))
                .isEqualTo("alex.officer");

        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor().until(driver -> driver.getCurrentUrl().contains("/tasklist/sign-in"));
        browser.get(tasklist + "/manager");
        waitFor().until(driver -> driver.getCurrentUrl().contains("/tasklist/sign-in?then=")
                && driver.getCurrentUrl().endsWith("manager"));
    }

    @Test
    void textFromAComplaintIsShownAsTextNeverAsMarkup() {
        String hostile = "<script>document.title='owned'</script><b id=\"injected\">bold</b> & 'quotes'";
        String complaintId = receive(ComplaintFixtures.complaint(stack.today())
                .replace("No reply to our request for an EHC needs assessment", hostile.replace("\"", "\\\"")));
        signIn("sam.caseworker", "Sam Caseworker", "caseworker");
        browser.get(tasklist + "/tasks/" + openTaskOf(complaintId));

        assertThat(browser.findElement(By.id("complaint-summary")).getText()).isEqualTo(hostile);
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("owned");
    }

    @Test
    void everyControlIsLabelledAndATaskIsClaimedFromTheKeyboard() {
        String complaintId = receive(ComplaintFixtures.complaint(stack.today()));
        String task = openTaskOf(complaintId);
        browser.manage().deleteAllCookies();
        browser.get(tasklist.toString());
        assertThat(unlabelledControls()).as("controls without a label on the sign-in page").isEmpty();
        // Signed in from the keyboard alone: the fields in order, then Enter.
        browser.findElement(By.id("user")).sendKeys("kim.keyboard", Keys.TAB, "Kim Keyboard", Keys.TAB, "durham");
        browser.findElement(By.id("role-complaints-officer")).sendKeys(Keys.SPACE);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor().until(driver -> driver.findElement(By.className("redress-nav__user")).getText()
                .equals("Signed in as Kim Keyboard"));

        for (String page : List.of(tasklist.toString(), tasklist + "/manager", tasklist + "/tasks/" + task)) {
            browser.get(page);
            assertThat(unlabelledControls()).as("controls without a label on " + page).isEmpty();
        }

        listTasksOf(complaintId);
        WebElement claim = row(task).findElement(By.tagName("button"));
        WebElement focused = null;
        for (int presses = 0; presses < 400 && !claim.equals(focused); presses++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            focused = browser.switchTo().activeElement();
        }
        assertThat(focused).as("the claim button is reached with the Tab key").isEqualTo(claim);
        focused.sendKeys(Keys.ENTER);
        assertThat(notice()).startsWith("You claimed Acknowledge the complaint");
        assertThat(api().get("/api/v1/tasks/" + task).then().extract().<String>path("assignee"))
                .isEqualTo("kim.keyboard");
    }

    /** Inputs, selects and text areas with no label that names them, and buttons with no text. */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(c => c.type !== 'hidden')
                  .filter(c => c.tagName === 'BUTTON' ? !c.textContent.trim()
                      : !(c.id && document.querySelector('label[for="' + c.id + '"]')))
                  .map(c => c.outerHTML);""");
    }

    @Test
    void theListFitsA320PixelScreen() throws IOException {
        receive(ComplaintFixtures.complaint(stack.today()));
        Dimension before = browser.manage().window().getSize();
        try {
            signIn("sam.caseworker", "Sam Caseworker", "caseworker");
            browser.manage().window().setSize(new Dimension(320, 900));
            browser.get(tasklist.toString());
            long pageWidth = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;");
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
            screenshot("tasklist-320px");
            assertThat(pageWidth).isLessThanOrEqualTo(viewport);
            // The list's heading on two lines at most, not a word a line.
            WebElement caption = browser.findElement(By.tagName("caption"));
            double lineHeight = Double.parseDouble(caption.getCssValue("line-height").replace("px", ""));
            assertThat(caption.getSize().getHeight()).isLessThanOrEqualTo((int) Math.ceil(2 * lineHeight));
            // The header's own text in the sans-serif face of the rest, not the browser's serif default.
            for (String element : List.of("redress-nav__user", "redress-nav__button")) {
                assertThat(browser.findElement(By.className(element)).getCssValue("font-family"))
                        .startsWith("\"GDS Transport\"");
            }
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    /** A date as the tasklist writes it, for example "Thursday 26 November 2026". */
    private static String inWords(LocalDate date) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK).format(date);
    }

    private void signIn(String user, String name, String role) {
        Browser.signIn(browser, tasklist, user, name, role);
    }

    private static String receive(String body) {
        return api().contentType(ContentType.JSON).body(body).post("/api/v1/complaints")
                .then().statusCode(201).extract().path("id");
    }

    /** The list filtered to one complaint, as a caseworker looking for its reference would see it. */
    private void listTasksOf(String complaintId) {
        String reference = api().get("/api/v1/complaints/" + complaintId).then().extract().path("reference");
        browser.get(tasklist + "?reference=" + reference);
    }

    private static String openTaskOf(String complaintId) {
        List<Map<String, Object>> tasks = api().queryParam("limit", 200).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("items");
        return tasks.stream().filter(task -> task.get("complaintId").equals(complaintId))
                .map(task -> (String) task.get("id")).findFirst().orElseThrow();
    }

    private static WebElement row(String taskId) {
        return waitFor().until(driver -> driver.findElement(By.cssSelector("tr[data-task='" + taskId + "']")));
    }

    /** The notice of the page a form leads to: waited for, since a click does not wait for the next page. */
    private static String notice() {
        return visible(By.className("govuk-notification-banner__heading")).getText();
    }

    private static FluentWait<WebDriver> waitFor() {
        return Browser.waitFor(browser);
    }

    private static WebElement visible(By what) {
        return waitFor().until(driver -> driver.findElement(what));
    }

    private static void screenshot(String name) throws IOException {
        Browser.screenshot(browser, name);
    }

}
