package cn.grassroots.platform.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.lowagie.text.pdf.BaseFont;

/**
 * The font with Chinese glyphs that certificates and reports embed (subset). The font file is read
 * into memory once: subsetting it from the file for every document cost about 100 ms a PDF, from
 * memory about 15 ms.
 */
public final class ChineseFont {

	/** Debian's fonts-wqy-microhei first (what .ci/run installs), then other CJK fonts. */
	static final List<Path> CANDIDATES = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
			Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
			Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));

	private static volatile BaseFont font;

	private ChineseFont() {
	}

	/** The font, shared by every document (OpenPDF keeps the glyphs used per document). */
	public static BaseFont base() {
		BaseFont f = font;
		if (f == null) {
			synchronized (ChineseFont.class) {
				f = font;
				if (f == null) {
					f = load();
					font = f;
				}
			}
		}
		return f;
	}

	private static BaseFont load() {
		for (Path file : CANDIDATES) {
			if (Files.isRegularFile(file)) {
				try {
					// the first face of the collection; the name only has to end in .ttc,0 for OpenPDF
					return BaseFont.createFont(file.getFileName() + ",0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
							Files.readAllBytes(file), null);
				}
				catch (IOException | com.lowagie.text.DocumentException e) {
					throw new IllegalStateException("cannot read the font " + file, e);
				}
			}
		}
		throw new IllegalStateException("no font with Chinese glyphs: install fonts-wqy-microhei");
	}
}
