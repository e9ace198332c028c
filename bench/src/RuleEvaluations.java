import io.outboundsync.campaigns.CampaignFiles;
import io.outboundsync.campaigns.CampaignLimits;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.RuleBook;
import io.outboundsync.contacts.ContactConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rule evaluations a second on one core: the demo campaign's rules, compiled once (RuleBook.compile), evaluated
 * over 100,000 varied contact rows, round after round. One evaluation is one rule tested against one row.
 * Prints each round and the median. Usage: java -cp target/outbound-sync.jar bench/src/RuleEvaluations.java [ROUNDS]
 */
public class RuleEvaluations {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        var contacts = ContactConfig.loadAll(Path.of("config")).get("demo");
        CampaignSpec spec = new CampaignFiles(CampaignLimits.defaults(), Clock.systemUTC()).load(contacts);
        List<RuleBook.Compiled> rules = RuleBook.compile(spec);
        List<String> columns = spec.contactList().columns();
        Random random = new Random(42);
        String[][] rows = new String[100_000][];
        for (int r = 0; r < rows.length; r++) {
            String[] row = new String[columns.size()];
            row[columns.indexOf("age")] = String.valueOf(18 + random.nextInt(60));
            row[columns.indexOf("lifetimeValue")] = random.nextInt(10) == 0 ? "" : (random.nextInt(10000) / 100.0) + "";
            row[columns.indexOf("leadAgeDays")] = String.valueOf(random.nextInt(365));
            row[columns.indexOf("region")] = List.of("North", "South", "East", "West").get(random.nextInt(4));
            rows[r] = row;
        }
        double[] perSecond = new double[rounds];
        long hits = 0;
        for (int round = 0; round < rounds; round++) {
            long evaluations = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 2_000_000_000L) {
                for (String[] row : rows) {
                    for (RuleBook.Compiled rule : rules) {
                        if (rule.matches().test(row)) {
                            hits++;
                        }
                    }
                }
                evaluations += (long) rows.length * rules.size();
            }
            perSecond[round] = evaluations / ((System.nanoTime() - start) / 1e9);
            System.out.printf("round %d: %,.0f rule evaluations/s%n", round + 1, perSecond[round]);
        }
        Arrays.sort(perSecond);
        System.out.printf("median of %d rounds: %,.0f rule evaluations/s (%d rules; %d hits)%n", rounds,
                perSecond[rounds / 2], rules.size(), hits);
    }
}
