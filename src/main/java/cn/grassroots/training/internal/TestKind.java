package cn.grassroots.training.internal;

/** 训前摸底 / 随堂测试 / 结业测试. */
public enum TestKind {
	BASELINE, QUIZ, FINAL
}
