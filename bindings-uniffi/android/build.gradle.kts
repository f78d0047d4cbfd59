// onfido.core:onfido-core-android: the same Kotlin as the Maven artifact onfido.core:onfido-core
// (the generated bindings and the hand-written layer, read from their directories, not copied)
// with the Rust library per ABI in jniLibs, built by `cargo ndk` (../scripts/build-android.sh).
// Kotlin, coroutines and JNA versions follow ../kotlin/pom.xml; the Android Gradle plugin's is a
// choice this repository cannot try (no Android SDK or Gradle here): move it to your own.
plugins {
    id("com.android.library") version "8.13.0"
    id("org.jetbrains.kotlin.android") version "2.4.21"
    `maven-publish`
}

group = "onfido.core"
version = "0.1.0"

android {
    namespace = "onfido.core"
    compileSdk = 35

    defaultConfig {
        // java.nio.file (uploads from a Path) needs API 26; CompletableFuture (OnfidoFutures) 24.
        minSdk = 26
        // JNA reaches the generated classes by reflection: keep them in apps that shrink.
        consumerProguardFiles("consumer-rules.pro")
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    sourceSets["main"].apply {
        // Shared with the Maven module: the generated Kotlin and the hand-written layer.
        kotlin.srcDirs("../generated/kotlin", "../kotlin/onfido-core/src/main/kotlin")
        // libonfido_core_uniffi.so per ABI, written by `cargo ndk -o build/rustJniLibs`.
        jniLibs.srcDirs("build/rustJniLibs")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    // The AAR flavour of JNA: its own libjnidispatch.so per ABI.
    implementation("net.java.dev.jna:jna:5.19.1@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.11.0")
}

publishing {
    publications {
        register<MavenPublication>("release") {
            artifactId = "onfido-core-android"
            afterEvaluate { from(components["release"]) }
        }
    }
}
