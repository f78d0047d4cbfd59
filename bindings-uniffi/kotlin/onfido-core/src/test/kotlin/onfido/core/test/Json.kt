package onfido.core.test

import java.math.BigDecimal

/** A minimal JSON reader and writer for the tests: objects as LinkedHashMap, arrays as List, numbers as BigDecimal. */
object Json {
    fun parse(text: String): Any? {
        val p = Parser(text)
        p.ws()
        val v = p.value()
        p.ws()
        if (p.i != text.length) throw IllegalArgumentException("trailing characters at ${p.i}")
        return v
    }

    private class Parser(val s: String) {
        var i = 0
        fun ws() { while (i < s.length && s[i] in " \t\r\n") i++ }
        fun value(): Any? {
            if (i >= s.length) throw IllegalArgumentException("unexpected end")
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> lit("true", true)
                'f' -> lit("false", false)
                'n' -> lit("null", null)
                else -> if (c == '-' || c.isDigit()) num() else throw IllegalArgumentException("unexpected '$c' at $i")
            }
        }
        fun lit(word: String, v: Any?): Any? {
            if (!s.startsWith(word, i)) throw IllegalArgumentException("bad literal at $i")
            i += word.length
            return v
        }
        fun num(): BigDecimal {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            return BigDecimal(s.substring(start, i))
        }
        fun str(): String {
            i++
            val b = StringBuilder()
            while (true) {
                val c = s[i++]
                when (c) {
                    '"' -> return b.toString()
                    '\\' -> when (val e = s[i++]) {
                        '"' -> b.append('"'); '\\' -> b.append('\\'); '/' -> b.append('/')
                        'b' -> b.append('\b'); 'f' -> b.append('\u000c'); 'n' -> b.append('\n')
                        'r' -> b.append('\r'); 't' -> b.append('\t')
                        'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> throw IllegalArgumentException("bad escape \\$e")
                    }
                    else -> b.append(c)
                }
            }
        }
        fun obj(): Map<String, Any?> {
            i++
            val m = LinkedHashMap<String, Any?>()
            ws()
            if (s[i] == '}') { i++; return m }
            while (true) {
                ws(); val k = str(); ws()
                if (s[i++] != ':') throw IllegalArgumentException("expected : at ${i - 1}")
                ws(); m[k] = value(); ws()
                when (s[i++]) { ',' -> continue; '}' -> return m; else -> throw IllegalArgumentException("expected , or } at ${i - 1}") }
            }
        }
        fun arr(): List<Any?> {
            i++
            val l = ArrayList<Any?>()
            ws()
            if (s[i] == ']') { i++; return l }
            while (true) {
                ws(); l.add(value()); ws()
                when (s[i++]) { ',' -> continue; ']' -> return l; else -> throw IllegalArgumentException("expected , or ] at ${i - 1}") }
            }
        }
    }

    /** Compact JSON; `sortKeys` writes object keys in code-point order, as serde_json does. */
    fun write(v: Any?, sortKeys: Boolean = false): String = StringBuilder().also { write(it, v, sortKeys) }.toString()

    private fun write(b: StringBuilder, v: Any?, sortKeys: Boolean) {
        when (v) {
            null -> b.append("null")
            is Boolean -> b.append(v)
            is BigDecimal -> b.append(v.toString())
            is Number -> b.append(v.toString())
            is String -> quote(b, v)
            is Map<*, *> -> {
                b.append('{')
                val keys = v.keys.map { it as String }.let { if (sortKeys) it.sorted() else it }
                keys.forEachIndexed { n, k -> if (n > 0) b.append(','); quote(b, k); b.append(':'); write(b, v[k], sortKeys) }
                b.append('}')
            }
            is List<*> -> {
                b.append('[')
                v.forEachIndexed { n, x -> if (n > 0) b.append(','); write(b, x, sortKeys) }
                b.append(']')
            }
            else -> throw IllegalArgumentException("not JSON: ${v::class}")
        }
    }

    private fun quote(b: StringBuilder, s: String) {
        b.append('"')
        for (c in s) when (c) {
            '"' -> b.append("\\\""); '\\' -> b.append("\\\\"); '\n' -> b.append("\\n"); '\r' -> b.append("\\r")
            '\t' -> b.append("\\t"); '\b' -> b.append("\\b"); '\u000c' -> b.append("\\f")
            else -> if (c < ' ') b.append(String.format("\\u%04x", c.code)) else b.append(c)
        }
        b.append('"')
    }

    /** JSON value equality: numbers by value, objects by key, booleans never numbers. */
    fun equal(a: Any?, b: Any?): Boolean = when {
        a is BigDecimal && b is BigDecimal -> a.compareTo(b) == 0
        a is Map<*, *> && b is Map<*, *> -> a.keys == b.keys && a.keys.all { equal(a[it], b[it]) }
        a is List<*> && b is List<*> -> a.size == b.size && a.indices.all { equal(a[it], b[it]) }
        else -> a == b
    }

    fun short(v: Any?, limit: Int = 200): String = write(v).let { if (it.length <= limit) it else it.take(limit) + "…" }
}
