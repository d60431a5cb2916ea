import Testing
@testable import WagecaseServer

@Suite("HTML tables written as bytes")
struct HTMLTableTests {
    @Test("every character HTML gives meaning to is escaped, in cells, links and hints; Chinese passes as it is")
    func escaping() {
        let table = HTMLTable(columns: [.init(label: "姓名 <甲>"), .init(label: "金额", numeric: true)])
        let body = table.body([[
            .init("<script>alert('x')</script> & \"张三\"", href: "/workers/1?a=1&b=\"2\"", hint: "项目<二期>"),
            .init("38,000.00元"),
        ]])
        #expect(body == "<tr><td data-label=\"姓名 &lt;甲&gt;\"><a href=\"/workers/1?a=1&amp;b=&quot;2&quot;\">"
            + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;张三&quot;</a><br><span class=\"hint\">"
            + "项目&lt;二期&gt;</span></td><td class=\"num\" data-label=\"金额\">38,000.00元</td></tr>\n")
    }

    @Test("a row with more cells than columns writes only the columns'; an empty list writes nothing")
    func shape() {
        let table = HTMLTable(columns: [.init(label: "A")])
        #expect(table.body([[.init("1"), .init("2")]]) == "<tr><td data-label=\"A\">1</td></tr>\n")
        #expect(table.body([]).isEmpty)
        #expect(table.render([])["empty"] as? Bool == true)
    }
}
