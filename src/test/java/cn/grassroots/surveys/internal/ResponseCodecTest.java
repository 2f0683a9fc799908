package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.grassroots.surveys.XlsformFiles;

class ResponseCodecTest {

	@Test
	void everyAnswerComesBackAsItWasGiven() throws IOException {
		Form form = Xlsform.read(new ByteArrayInputStream(XlsformFiles.everyType("t").bytes()));
		AnswerPolicy policy = new AnswerPolicy(form, t -> Optional.of(230103000000L));
		Map<String, String> answers = AnswerPolicyTest.with(AnswerPolicyTest.gridWorker(), "problems", "reports staff other",
				"detail", "第一行\n第二行", "home", "230103000000");
		AnswerPolicy.Result r = policy.check(answers);
		assertThat(r.problems()).isEmpty();
		ResponseCodec codec = new ResponseCodec(form);
		ResponseCodec.Encoded e = codec.encode(r.values());
		assertThat(e.closed()).hasSize(codec.length());
		assertThat(codec.decode(e.closed(), e.numbers(), e.open())).isEqualTo(answers);
		// the closed text: position (2 digits) for single choices, a bit mask for the five problems (2 hex digits)
		ResponseCodec.Slot position = codec.slot("position");
		assertThat(ResponseCodec.pair(e.closed(), position.offset())).isEqualTo(1);
		List<Integer> picked = new ArrayList<>();
		ResponseCodec.forEachPicked(e.closed(), codec.slot("problems"), picked::add);
		assertThat(picked).containsExactly(1, 3, 4);
		assertThat(codec.decode(codec.encode(Map.of()).closed(), "", Map.of())).isEmpty();
	}

	@Test
	void csvFollowsRfc4180() throws Exception {
		List<String> rows = new ArrayList<>();
		ResponseFile.csv(new StringReader("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n,,\nlast,row,"),
				(n, cells, p) -> rows.add(n + ":" + String.join("|", cells)), () -> 0);
		assertThat(rows).containsExactly("1:a|b|c", "2:x,1|say \"hi\"|two\nlines", "5:||", "6:last|row|");
	}
}
