import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What java.util.regex.Pattern (the engine behind Spark's rlike) makes of each pattern. Reads lines
 * "pattern<TAB>sample<TAB>sample...", with \t, \n and \\ escaped in samples only; prints per line
 * "error" or one 0/1 per sample: whether find() matches it, as rlike does.
 */
public class RegexOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] parts = line.split("\t", -1);
            Pattern pattern;
            try {
                pattern = Pattern.compile(parts[0]);
            } catch (PatternSyntaxException e) {
                System.out.println("error");
                continue;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < parts.length; i++) {
                String sample = parts[i].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
                out.append(pattern.matcher(sample).find() ? '1' : '0');
            }
            System.out.println(out);
        }
    }
}
