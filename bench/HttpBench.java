import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times GET requests over HTTP against a running Grassroots: 5 runs of N requests after a warm-up,
 * prints each run's median and the median of the runs, in milliseconds. Authenticates once with
 * HTTP Basic to create a personal API token, then uses the token (bcrypt runs once, not per request).
 *
 *   java bench/HttpBench.java http://localhost:8080 hlj-admin 'password' /api/v1/regions/23 ...
 */
public class HttpBench {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String user = args[1];
		String password = args[2];
		int perRun = Integer.getInteger("requests", 100);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/tokens"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"validityDays\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
		if (!m.find()) {
			throw new IllegalStateException("could not create a token: " + created.statusCode() + " " + created.body());
		}
		String bearer = "Bearer " + m.group(1);
		for (int i = 3; i < args.length; i++) {
			String path = args[i];
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer).GET().build();
			HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (first.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + first.statusCode() + ": " + first.body());
			}
			for (int w = 0; w < 50; w++) {
				http.send(request, HttpResponse.BodyHandlers.discarding());
			}
			List<Double> runMedians = new ArrayList<>();
			for (int run = 0; run < 5; run++) {
				List<Double> times = new ArrayList<>();
				for (int r = 0; r < perRun; r++) {
					long t0 = System.nanoTime();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					times.add((System.nanoTime() - t0) / 1e6);
					if (response.statusCode() != 200) {
						throw new IllegalStateException(path + " answered " + response.statusCode());
					}
				}
				runMedians.add(median(times));
			}
			System.out.printf("%-60s runs %s  median %.2f ms  (%s)%n", path, fmt(runMedians), median(runMedians),
					first.body().length() > 160 ? first.body().substring(0, 160) + "…" : first.body());
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static String fmt(List<Double> values) {
		StringBuilder sb = new StringBuilder("[");
		for (double v : values) {
			sb.append(sb.length() > 1 ? " " : "").append(String.format("%.2f", v));
		}
		return sb.append("]").toString();
	}
}
