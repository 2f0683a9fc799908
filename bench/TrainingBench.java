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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training module's speed figures over HTTP, against a running Grassroots with
 * bench/training-data.sql loaded (see bench/training.sh). Officer calls as hlj-admin with an API
 * token; trainees with their own tokens 'gr_<id>_bench'. Each figure: 5 runs, each run's value and
 * the median.
 *
 *   java bench/TrainingBench.java http://127.0.0.1:8094 'demo password'
 */
public class TrainingBench {

	static final long PROGRAMME = 9_000_000L;
	static final int TRAINEES = 2720;
	static final int CLIENTS = 32;

	static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	static String admin;

	public static void main(String[] args) throws Exception {
		String base = args[0];
		admin = "Bearer " + token(base, "hlj-admin", args[1]);

		// 1. enrolling all secretaries of the province from the roster, duplicate check against the earlier enrolments
		List<Double> enrol = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			long t0 = System.nanoTime();
			String out = send(base, "POST", "/api/v1/training/programmes/" + (9_000_011L + r) + "/enrolments/roster",
					"{\"regionCode\":\"23\"}", admin, 200);
			enrol.add(ms(t0));
			if (r == 0) {
				System.out.println("  enrolment outcome: " + out);
			}
		}
		report("enrol all from the roster with the duplicate check (ms, target <= 2000)", enrol);

		// 2. marking a 200-trainee session's attendance in one request (a different session each run, one warm-up)
		StringBuilder marks = new StringBuilder("{\"marks\":[");
		for (int n = 0; n < 200; n++) {
			marks.append(n == 0 ? "" : ",").append("{\"personId\":").append(90_000_000L + n)
				.append(",\"status\":\"").append(n % 17 == 0 ? "ABSENT" : "PRESENT").append("\"}");
		}
		String markBody = marks.append("]}").toString();
		send(base, "PUT", "/api/v1/training/sessions/" + session(1, 39) + "/attendance", markBody, admin, 200);
		List<Double> marking = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			long t0 = System.nanoTime();
			send(base, "PUT", "/api/v1/training/sessions/" + session(1, 30 + r) + "/attendance", markBody, admin, 200);
			marking.add(ms(t0));
		}
		report("mark a 200-trainee session (ms, target <= 300)", marking);

		// 3. QR check-ins by all 2,720 trainees, 32 at a time, a session of the day per run; codes kept current
		List<Double> checkIns = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			int s = 10 + r;
			Map<Integer, String> codes = new ConcurrentHashMap<>();
			Runnable refresh = () -> {
				for (int k = 0; k <= 20; k++) {
					String c = send(base, "GET", "/api/v1/training/sessions/" + session(k, s) + "/code", null, admin, 200);
					codes.put(k, field(c, "code"));
				}
			};
			refresh.run();
			var refresher = Executors.newSingleThreadScheduledExecutor();
			refresher.scheduleAtFixedRate(refresh, 10, 10, java.util.concurrent.TimeUnit.SECONDS);
			checkIns.add(rate(n -> {
				int k = classroom(n);
				return send(base, "POST", "/api/v1/training/check-ins",
						"{\"sessionId\":" + session(k, s) + ",\"code\":\"" + codes.get(k) + "\"}", trainee(n), 200);
			}));
			refresher.shutdownNow();
		}
		report("QR check-ins per second, 32 clients (target >= 200)", checkIns);

		// 4. final-test submissions (50 questions), marked on submission, 32 at a time, a final test per run
		StringBuilder answers = new StringBuilder("{\"answers\":[");
		for (int q = 0; q < 50; q++) {
			answers.append(q == 0 ? "" : ",").append("{\"questionId\":").append(9_000_000L + q).append(",\"response\":\"")
				.append(q % 7 == 0 ? "B" : "A").append("\"}");
		}
		String answerBody = answers.append("]}").toString();
		List<Double> submissions = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			long test = 9_000_001L + r;
			submissions.add(rate(n -> send(base, "POST", "/api/v1/training/tests/" + test + "/submissions", answerBody,
					trainee(n), 201, 200)));
		}
		report("final-test submissions marked per second, 32 clients (target >= 200)", submissions);

		// 5. item statistics of the final test and the programme's gains
		send(base, "GET", "/api/v1/training/tests/9000005/statistics", null, admin, 200);
		List<Double> stats = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			long t0 = System.nanoTime();
			send(base, "GET", "/api/v1/training/tests/9000005/statistics", null, admin, 200);
			String gain = send(base, "GET", "/api/v1/training/programmes/" + PROGRAMME + "/gain", null, admin, 200);
			stats.add(ms(t0));
			if (r == 0) {
				System.out.println("  gain: " + gain);
			}
		}
		report("item statistics and gains for the whole programme (ms, target <= 2000)", stats);

		// 6. certificates of the 200-trainee classroom: issued once, then all 200 PDFs rendered, 5 runs
		long t0 = System.nanoTime();
		String issued = send(base, "POST", "/api/v1/training/classrooms/" + (PROGRAMME + 1) + "/certificates", "", admin, 200);
		System.out.printf("  issue: %s in %.0f ms%n", issued, ms(t0));
		List<Long> ids = new ArrayList<>();
		int misses = 0;
		for (long id = 1; misses < 50; id++) {
			var response = raw(base, "GET", "/api/v1/training/certificates/" + id + "/pdf", null, admin);
			if (response.statusCode() == 200) {
				ids.add(id);
				misses = 0;
			}
			else {
				misses++;
			}
		}
		List<Long> classroom = ids.subList(Math.max(0, ids.size() - 200), ids.size());
		List<Double> pdfs = new ArrayList<>();
		for (int r = 0; r < 5; r++) {
			long t1 = System.nanoTime();
			for (long id : classroom) {
				send(base, "GET", "/api/v1/training/certificates/" + id + "/pdf", null, admin, 200);
			}
			pdfs.add(ms(t1));
		}
		report(classroom.size() + " certificate PDFs of the classroom, one client (ms, target <= 20000)", pdfs);
	}

	/** Trainee n's classroom in the bench programme (as bench/training-data.sql places them). */
	static int classroom(int n) {
		return n < 200 ? 1 : (n - 200) % 20 == 0 ? 0 : (n - 200) % 20 + 1;
	}

	static long session(int classroom, int s) {
		return 9_000_000L + 100L * classroom + s;
	}

	static String trainee(int n) {
		long id = 90_000_000L + n;
		return "Bearer gr_" + id + "_bench";
	}

	/** All 2,720 trainees through the call, 32 at a time; requests per second. */
	static double rate(IntFunction<String> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		AtomicInteger next = new AtomicInteger();
		long t0 = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			done.add(pool.submit(() -> {
				for (int n = next.getAndIncrement(); n < TRAINEES; n = next.getAndIncrement()) {
					call.apply(n);
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		pool.shutdown();
		return TRAINEES / seconds;
	}

	static String token(String base, String user, String password) throws Exception {
		String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		String created = send(base, "POST", "/api/v1/me/tokens", "{\"name\":\"bench\",\"validityDays\":1}", basic, 200, 201);
		return field(created, "token");
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	static HttpResponse<String> raw(String base, String method, String path, String body, String auth) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
			.timeout(Duration.ofSeconds(120));
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(method + " " + path + ": " + e, e);
		}
	}

	static String send(String base, String method, String path, String body, String auth, int... ok) {
		HttpResponse<String> r = raw(base, method, path, body, auth);
		for (int status : ok) {
			if (r.statusCode() == status) {
				return r.body();
			}
		}
		throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
	}

	static double ms(long t0) {
		return (System.nanoTime() - t0) / 1e6;
	}

	static void report(String what, List<Double> runs) {
		List<Double> sorted = new ArrayList<>(runs);
		Collections.sort(sorted);
		StringBuilder s = new StringBuilder();
		for (double v : runs) {
			s.append(s.length() == 0 ? "" : " ").append(String.format("%.1f", v));
		}
		System.out.printf("%-75s runs [%s]  median %.1f%n", what, s, sorted.get(2));
	}
}
