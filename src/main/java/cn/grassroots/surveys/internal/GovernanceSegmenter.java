package cn.grassroots.surveys.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.hankcs.hanlp.collection.trie.DoubleArrayTrie;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Chinese segmentation for open answers: HanLP's Viterbi segmenter over its core dictionary, with the
 * governance dictionary ({@code survey_term}) forced on top, so 小马拉大车 or 吹哨报到 stay one term.
 * Keeps content words only: two characters or more, no stop words, no punctuation, numerals,
 * pronouns, prepositions, conjunctions, particles or adverbs. Each analysis takes its own segmenter over
 * the dictionary as it was when it started.
 */
@Component
class GovernanceSegmenter {

	/** A segmenter over one state of the dictionary. */
	static final class Terms {

		private final Segment segment;
		private final Set<String> dictionary;

		Terms(Set<String> dictionary) {
			this.dictionary = Set.copyOf(dictionary);
			// the governance terms alone (HanLP's own default custom dictionary is not loaded), as nz (proper noun)
			java.util.TreeMap<String, CoreDictionary.Attribute> words = new java.util.TreeMap<>();
			for (String term : dictionary) {
				words.put(term, CoreDictionary.Attribute.create("nz 1024"));
			}
			if (words.isEmpty()) {
				words.put("\u0000\u0000", CoreDictionary.Attribute.create("nz 1"));
			}
			DynamicCustomDictionary custom = new DynamicCustomDictionary(new DoubleArrayTrie<CoreDictionary.Attribute>(words),
					new BinTrie<CoreDictionary.Attribute>(), null);
			this.segment = new ViterbiSegment().enableCustomDictionary(custom)
				.enableCustomDictionaryForcing(true)
				.enablePartOfSpeechTagging(true)
				.enableNameRecognize(false)
				.enablePlaceRecognize(false)
				.enableOrganizationRecognize(false);
		}

		/** The distinct content terms of a text, in order of appearance. */
		Set<String> distinct(String text) {
			Set<String> out = new LinkedHashSet<>();
			if (text == null || text.isBlank()) {
				return out;
			}
			for (Term t : segment.seg(text)) {
				String w = t.word.strip();
				if (keep(w, t.nature == null ? "" : t.nature.toString())) {
					out.add(w);
				}
			}
			return out;
		}

		/** Every content term, repeats included. */
		List<String> all(String text) {
			List<String> out = new ArrayList<>();
			if (text == null || text.isBlank()) {
				return out;
			}
			for (Term t : segment.seg(text)) {
				String w = t.word.strip();
				if (keep(w, t.nature == null ? "" : t.nature.toString())) {
					out.add(w);
				}
			}
			return out;
		}

		private boolean keep(String word, String nature) {
			if (dictionary.contains(word)) {
				return true;
			}
			if (word.codePointCount(0, word.length()) < 2 || word.chars().allMatch(c -> Character.isDigit(c) || !Character.isLetter(c))) {
				return false;
			}
			if (CoreStopWordDictionary.contains(word)) {
				return false;
			}
			if (nature.isEmpty()) {
				return true;
			}
			char k = nature.charAt(0);
			// w punctuation, m numeral, q classifier, r pronoun, p preposition, c conjunction, u particle,
			// d adverb, e/y/o interjections and onomatopoeia, x strings, f direction, t time
			return "wmqrpcudeyoxft".indexOf(k) < 0;
		}
	}

	private final TermDictionary dictionary;

	GovernanceSegmenter(TermDictionary dictionary) {
		this.dictionary = dictionary;
	}

	/**
	 * A segmenter over the dictionary as it is now, read afresh (fifty-odd rows) so that a change made
	 * through another instance counts too; building one is cheap once HanLP's core dictionary is loaded.
	 */
	Terms terms() {
		return new Terms(new LinkedHashSet<>(dictionary.words()));
	}
}
