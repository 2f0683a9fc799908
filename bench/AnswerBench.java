import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Online answering under load: C connections (default 64), each its own HttpClient and so its own
 * TCP connection, submit answer sets for D seconds (default 60, after a 20 s warm-up), every
 * submission with a token of its own, to POST /api/v1/answer/{token}. Prints submissions, the
 * sustained rate, latency percentiles, and checks that the server stored exactly the 201s.
 *
 * The questionnaire is the demo's (pretraining_2026); valid answer sets are generated from its
 * questions and confirmed with POST /api/v1/surveys/{id}/check (questions hidden by skip logic are
 * dropped). Links come from a distribution made for the run (COUNT, 50,000 a call).
 *
 *   java -cp 'app/lib/*' bench/AnswerBench.java http://127.0.0.1:8091 hlj-admin 'password'
 */
public class AnswerBench {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static HttpClient admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	static String base;
	static String bearer;

	public static void main(String[] args) throws Exception {
		base = args[0];
		String basic = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
		int connections = Integer.getInteger("connections", 64);
		int seconds = Integer.getInteger("seconds", 60);
		int warmup = Integer.getInteger("warmup", 20);
		int links = Integer.getInteger("links", 100_000);

		JsonNode token = call("POST", "/api/v1/me/tokens", "{\"name\":\"answer-bench\",\"validityDays\":1}", basic, 201);
		bearer = "Bearer " + token.get("token").asString();
		long id = -1;
		for (int i = 0; i < 600 && id < 0; i++) {
			for (JsonNode s : call("GET", "/api/v1/surveys?size=100", null, bearer, 200).get("content")) {
				if (s.get("formId").asString().equals("pretraining_2026")) {
					id = s.get("id").asLong();
				}
			}
			if (id < 0) {
				Thread.sleep(500);
			}
		}
		if (id < 0) {
			throw new IllegalStateException("the demo questionnaire is not there (start the server with the demo profile)");
		}
		List<String> variants = variants(id, 50);
		System.out.printf("questionnaire %d: %d valid answer sets generated%n", id, variants.size());

		long t0 = System.nanoTime();
		ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
		String[] cities = { "2301", "2302", "2303", "2304", "2305", "2306", "2307", "2308", "2309", "2310", "2311", "2312" };
		String[] roles = { "GRID_WORKER", "COMMUNITY_SECRETARY", "RESIDENT_REPRESENTATIVE", "STREET_SECRETARY" };
		for (int made = 0; made < links; made += 48_000) {
			StringBuilder targets = new StringBuilder();
			for (String city : cities) {
				for (String role : roles) {
					targets.append(targets.length() == 0 ? "" : ",").append("{\"role\":\"").append(role)
						.append("\",\"region\":\"").append(city).append("\",\"count\":1000}");
				}
			}
			JsonNode d = call("POST", "/api/v1/surveys/" + id + "/distributions",
					"{\"name\":\"answer-bench\",\"kind\":\"TOKENS\",\"anonymous\":true,\"region\":\"23\",\"closesAt\":\""
							+ Instant.now().plusSeconds(86400) + "\",\"targets\":[" + targets + "]}",
					bearer, 201);
			for (JsonNode l : call("POST", "/api/v1/surveys/" + id + "/distributions/" + d.get("id").asLong() + "/links",
					"{\"source\":\"COUNT\"}", bearer, 201)) {
				tokens.add(l.get("token").asString());
			}
		}
		System.out.printf("%d links made in %d ms%n", tokens.size(), (System.nanoTime() - t0) / 1_000_000);
		long before = call("GET", "/api/v1/surveys/" + id + "/summary", null, bearer, 200).get("responses").asLong();

		run(connections, warmup, tokens, variants, "warm-up");
		long[] figures = run(connections, seconds, tokens, variants, "measured");
		long after = call("GET", "/api/v1/surveys/" + id + "/summary", null, bearer, 200).get("responses").asLong();
		System.out.printf("stored responses grew by %d (201s over warm-up and run: %d)%n", after - before, figures[0]);
	}

	/** Runs the load; returns {created over both phases so far}. */
	static final AtomicLong createdTotal = new AtomicLong();

	static long[] run(int connections, int seconds, ConcurrentLinkedQueue<String> tokens, List<String> variants, String name)
			throws Exception {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long[][] latencies = new long[connections][];
		int[] counts = new int[connections];
		AtomicLong errors = new AtomicLong();
		AtomicLong created = new AtomicLong();
		CountDownLatch done = new CountDownLatch(connections);
		long start = System.nanoTime();
		for (int c = 0; c < connections; c++) {
			int me = c;
			Thread t = new Thread(() -> {
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(5)).build();
				long[] mine = new long[200_000];
				int n = 0;
				Random random = new Random(me);
				try {
					while (System.nanoTime() < end) {
						String token = tokens.poll();
						if (token == null) {
							throw new IllegalStateException("ran out of links: make more (-Dlinks=)");
						}
						HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/answer/" + token))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(variants.get(random.nextInt(variants.size()))))
							.build();
						long t0 = System.nanoTime();
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						long took = System.nanoTime() - t0;
						if (response.statusCode() == 201) {
							created.incrementAndGet();
						}
						else {
							if (errors.incrementAndGet() <= 3) {
								System.out.println("  answered " + response.statusCode() + ": " + response.body());
							}
						}
						if (n < mine.length) {
							mine[n++] = took;
						}
					}
				}
				catch (Exception e) {
					System.out.println("  connection " + me + ": " + e);
				}
				finally {
					latencies[me] = Arrays.copyOf(mine, n);
					counts[me] = n;
					done.countDown();
				}
			});
			t.start();
		}
		done.await();
		double elapsed = (System.nanoTime() - start) / 1e9;
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		createdTotal.addAndGet(created.get());
		System.out.printf("%s: %d connections, %.1f s: %d submissions (%d stored, %d refused), %.0f/s; latency ms p50 %.1f "
				+ "p90 %.1f p99 %.1f max %.1f%n", name, connections, elapsed, all.length, created.get(), errors.get(),
				all.length / elapsed, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
		return new long[] { createdTotal.get() };
	}

	static double pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	/** Valid answer sets: random answers per question, then the check drops what skip logic hides. */
	static List<String> variants(long id, int wanted) throws Exception {
		JsonNode detail = call("GET", "/api/v1/surveys/" + id, null, bearer, 200);
		Random random = new Random(42);
		String[] texts = { "网格事务太多，报表重复", "希望减少会议，多下沉社区", "物业矛盾需要街道协调", "培训要贴近实际" };
		List<String> out = new ArrayList<>();
		for (int v = 0; v < wanted * 3 && out.size() < wanted; v++) {
			Map<String, String> answers = new LinkedHashMap<>();
			for (JsonNode q : detail.get("questions")) {
				String name = q.get("name").asString();
				List<String> choices = new ArrayList<>();
				for (JsonNode c : q.get("choices")) {
					String parent = text(c, "parent");
					String filter = text(q, "choiceFilter");
					if (filter == null || (parent != null && parent.equals(answers.get(filter)))) {
						choices.add(c.get("name").asString());
					}
				}
				String type = q.get("type").asString();
				int min = text(q, "min") == null ? 0 : q.get("min").asInt();
				int max = text(q, "max") == null ? 20 : q.get("max").asInt();
				switch (type) {
					case "SINGLE" -> {
						if (!choices.isEmpty()) {
							answers.put(name, choices.get(random.nextInt(choices.size())));
						}
					}
					case "MULTIPLE", "RANKING" -> {
						java.util.Collections.shuffle(choices, random);
						int k = type.equals("RANKING") ? Math.min(text(q, "max") == null ? 3 : max, choices.size())
								: 1 + random.nextInt(Math.min(3, Math.max(1, choices.size())));
						if (k > 0) {
							answers.put(name, String.join(" ", choices.subList(0, k)));
						}
					}
					case "SCALE" -> answers.put(name, Integer.toString(min + random.nextInt(max - min + 1)));
					case "INTEGER" -> answers.put(name, Integer.toString(min + random.nextInt(Math.max(1, max - min + 1))));
					case "DECIMAL" -> answers.put(name, "1.5");
					case "DATE" -> answers.put(name, "2026-03-01");
					case "TEXT", "LONG_TEXT" -> answers.put(name, texts[random.nextInt(texts.length)]);
					case "REGION" -> answers.put(name, "230102");
					default -> {
					}
				}
			}
			for (int round = 0; round < 5; round++) {
				JsonNode check = call("POST", "/api/v1/surveys/" + id + "/check", JSON.writeValueAsString(answers), bearer, 200);
				if (check.get("valid").asBoolean()) {
					out.add(JSON.writeValueAsString(Map.of("answers", answers)));
					break;
				}
				for (JsonNode e : check.get("errors")) {
					answers.remove(e.get("question").asString());
				}
			}
		}
		if (out.isEmpty()) {
			throw new IllegalStateException("no valid answer set could be made");
		}
		return out;
	}

	static String text(JsonNode node, String field) {
		JsonNode v = node.get(field);
		return v == null || v.isNull() ? null : v.asString();
	}

	static JsonNode call(String method, String path, String body, String auth, int expected) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
			.timeout(Duration.ofSeconds(120));
		if (body != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> r = admin.send(b.build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != expected) {
			throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
		}
		return JSON.readTree(r.body());
	}
}
