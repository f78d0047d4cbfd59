// The Android library (AAR) of onfido-core: one Gradle project, no wrapper committed (use your
// Gradle 8.9+, or `gradle wrapper` once). Built by ../scripts/build-android.sh.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "onfido-core-android"
