package cn.grassroots.training.internal;

/** 单选 / 多选 / 判断 / 简答. Choice questions are marked on submission, short answers by a marker. */
public enum QuestionKind {
	SINGLE, MULTIPLE, TRUE_FALSE, SHORT;

	public boolean autoMarked() {
		return this != SHORT;
	}
}
