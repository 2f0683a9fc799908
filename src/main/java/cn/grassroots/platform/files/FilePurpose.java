package cn.grassroots.platform.files;

/** Why a file is held: it decides who may fetch it and whether a download is audited. */
public enum FilePurpose {
	/** An upload waiting to be processed (an import file). */
	UPLOAD,
	/** A file the platform produced for its owner (an export); downloads are audited. */
	EXPORT,
	/** Evidence attached to a record (photos, scans). */
	EVIDENCE,
	/** Any other attachment. */
	ATTACHMENT
}
