package onfido.core.test

import java.util.concurrent.atomic.AtomicInteger
import org.junit.platform.engine.TestExecutionResult
import org.junit.platform.launcher.TestExecutionListener
import org.junit.platform.launcher.TestIdentifier
import org.junit.platform.launcher.TestPlan

/**
 * Prints `kotlin: N passed, M failed` when a module's tests end, as the former test program did
 * (Surefire's own summary is hidden by `mvn -q`). Registered in META-INF/services.
 */
class SummaryListener : TestExecutionListener {
    private val passed = AtomicInteger()
    private val failed = AtomicInteger()

    override fun executionFinished(test: TestIdentifier, result: TestExecutionResult) {
        if (!test.isTest) return
        if (result.status == TestExecutionResult.Status.SUCCESSFUL) passed.incrementAndGet() else failed.incrementAndGet()
    }

    override fun testPlanExecutionFinished(plan: TestPlan) {
        if (passed.get() + failed.get() > 0) println("kotlin: ${passed.get()} passed, ${failed.get()} failed")
    }
}
