package onfido.core.test

import java.util.concurrent.atomic.AtomicInteger
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier
import org.junit.platform.launcher.TestPlan

/**
 * Prints `kotlin: N passed, M failed` when a module's tests end (`okhttp: …` for onfido-core-okhttp,
 * from the `tests.label` property), as the former test program did; Surefire's own summary is
 * hidden by `mvn -q`. Registered in META-INF/services, so the test-jar brings it to other modules.
 */
class SummaryListener : TestExecutionListener {
    private val passed = AtomicInteger()
    private val failed = AtomicInteger()

    override fun executionFinished(test: TestIdentifier, result: TestExecutionResult) {
        if (!test.isTest) return
        if (result.status == TestExecutionResult.Status.SUCCESSFUL) passed.incrementAndGet() else failed.incrementAndGet()
    }

    override fun testPlanExecutionFinished(plan: TestPlan) {
        if (passed.get() + failed.get() > 0) println("${System.getProperty("tests.label") ?: "kotlin"}: ${passed.get()} passed, ${failed.get()} failed")
    }
}
