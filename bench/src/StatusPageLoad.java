import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Loads the status page N times, each in a new headless Chromium (an empty cache: a first load every time), and
 * prints, per load and as medians: the load event (HTML, script, style and uPlot fetched and run) and the first
 * figures drawn (the first /status/data.json answered and drawn), both in ms since navigation began, and the bytes
 * the page transferred. Run by bench/status-page-load.sh against a running `run`.
 * Usage: java -cp <test class path> bench/src/StatusPageLoad.java URL [LOADS]
 */
public class StatusPageLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Long> loadEvents = new ArrayList<>();
        List<Long> firstDraws = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File(which("chromium")));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,1000");
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(which("chromedriver"))).usingAnyFreePort().build(), options);
            try {
                browser.get(url);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String firstDraw = null;
                while (System.nanoTime() < deadline
                        && (firstDraw = browser.findElement(By.tagName("body")).getAttribute("data-first-draw-ms"))
                                == null) {
                    Thread.sleep(20);
                }
                Object[] timing = ((List<?>) ((JavascriptExecutor) browser).executeScript(
                        "var n = performance.getEntriesByType('navigation')[0];"
                                + " var bytes = performance.getEntriesByType('resource')"
                                + ".reduce(function (s, r) { return s + r.transferSize; }, n.transferSize);"
                                + " return [Math.round(n.loadEventEnd), bytes];")).toArray();
                long loadEvent = ((Number) timing[0]).longValue();
                long bytes = ((Number) timing[1]).longValue();
                loadEvents.add(loadEvent);
                firstDraws.add(Long.parseLong(firstDraw));
                System.out.printf("load %2d: load event %4d ms, first figures drawn %4s ms, %,d bytes%n", i + 1,
                        loadEvent, firstDraw, bytes);
            } finally {
                browser.quit();
            }
        }
        System.out.printf("median of %d first loads: load event %d ms, first figures drawn %d ms (target: under"
                + " 1000 ms)%n", loads, median(loadEvents), median(firstDraws));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String which(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            File file = new File(dir, name);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        throw new IllegalStateException(name + " not found: run scripts/install-test-deps.sh");
    }
}
