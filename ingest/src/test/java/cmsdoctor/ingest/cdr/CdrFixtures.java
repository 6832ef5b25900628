package cmsdoctor.ingest.cdr;

/** CDR bodies from the field guide (cms-cdr.md section 4; real captures named there) and builders for tests. */
final class CdrFixtures {

    private CdrFixtures() {}

    /** Example (c): callLegEnd with alarms batched with callEnd, unclustered (no callBridge), 2017 capture [S25]. */
    static final String LEG_END_WITH_CALL_END = """
            <?xml version="1.0"?>
            <records session="5552fc55-8d82-4963-8f99-d5a0be6e2f92">
              <record type="callLegEnd" time="2017-04-24T13:06:05Z" recordIndex="3553" correlatorIndex="3552">
                <callLeg id="aa7c3c54-07d6-4af3-b853-a25fe676e554">
                  <reason>remoteTeardown</reason><remoteTeardown>true</remoteTeardown>
                  <durationSeconds>3912</durationSeconds><activatedDuration>3912</activatedDuration>
                  <mediaUsagePercentages><mainVideoViewer>99.9</mainVideoViewer><mainVideoContributor>99.9</mainVideoContributor></mediaUsagePercentages>
                  <alarm type="packetLoss" durationPercentage="0.1" /><alarm type="excessiveJitter" durationPercentage="0.0" />
                  <encryptedMedia>true</encryptedMedia>
                  <rxAudio><codec>opus</codec></rxAudio><txAudio><codec>opus</codec></txAudio>
                  <rxVideo><codec>h264</codec><maxSizeWidth>1280</maxSizeWidth><maxSizeHeight>720</maxSizeHeight></rxVideo>
                  <txVideo><codec>h264</codec><maxSizeWidth>1280</maxSizeWidth><maxSizeHeight>720</maxSizeHeight></txVideo>
                </callLeg>
              </record>
              <record type="callEnd" time="2017-04-24T13:06:05Z" recordIndex="3554" correlatorIndex="3553">
                <call id="f54bfbc3-c11e-47a6-a918-6a308018ac1d"><callLegsCompleted>3</callLegsCompleted>
                  <callLegsMaxActive>3</callLegsMaxActive><durationSeconds>3955</durationSeconds></call>
              </record>
            </records>
            """;

    /** Example (d): a SIP leg end with packet statistics (reconstructed casing, see the guide). */
    static final String SIP_LEG_END = """
            <records session="a865433a-4926-4549-a701-9bb5b93c75e6" callBridge="158ba4f7-70eb-4a35-982c-71d4f1674277">
            <record type="callLegEnd" time="2017-08-24T07:57:24Z" recordIndex="272" correlatorIndex="393">
              <callLeg id="88ad6b86-0148-491d-a500-d753ef4e92cb">
                <reason>remoteTeardown</reason><remoteTeardown>true</remoteTeardown>
                <durationSeconds>18</durationSeconds><activatedDuration>8</activatedDuration>
                <alarm type="packetLoss" durationPercentage="9.5" />
                <unencryptedMedia>true</unencryptedMedia>
                <rxAudio><codec>g711u</codec><packetStatistics>
                    <packetLossBursts><duration>0.221</duration><density>0.00</density></packetLossBursts>
                    <packetGap><duration>10.609</duration><density>0.00</density></packetGap></packetStatistics></rxAudio>
                <txAudio><codec>g711a</codec></txAudio>
                <sipCallId>25c72d137be97025338a380bb50cf3a4@10.122.134.165</sipCallId>
              </callLeg>
            </record>
            </records>
            """;

    /** A body of {@code n} callLegStart records numbered from {@code first}. */
    static String legStarts(String session, String bridge, long first, int n, int missingBeforeFirst) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<records session=\"" + session + "\""
                + (bridge == null ? "" : " callBridge=\"" + bridge + "\"") + ">\n");
        for (long i = first; i < first + n; i++) {
            s.append("<record type=\"callLegStart\" time=\"2024-02-23T09:02:21Z\" recordIndex=\"").append(i + 1)
                    .append("\" correlatorIndex=\"").append(i).append('"');
            if (i == first && missingBeforeFirst > 0) {
                s.append(" numPreceedingRecordsMissing=\"").append(missingBeforeFirst).append('"');
            }
            s.append("><callLeg id=\"00000000-0000-4000-8000-").append(String.format("%012d", i))
                    .append("\"><remoteParty>user").append(i).append("@example.com</remoteParty><type>sip</type>")
                    .append("<direction>incoming</direction><sipCallId>call-").append(i).append("@10.0.0.9</sipCallId>")
                    .append("</callLeg></record>\n");
        }
        return s.append("</records>\n").toString();
    }
}
