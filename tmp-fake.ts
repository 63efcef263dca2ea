import * as fs from "fs";
import { FakeAdminApi } from "./provider/testing";
import { wireKey } from "./tests/e2e/fixtures";
(async () => {
    const api = await FakeAdminApi.start({ keys: [
        wireKey(1, { id: "key_Tr5Zp1x", name: "ci-audit" }),
        wireKey(2, { id: "key_8Fh2Kq", name: "ci-deploy" }),
        wireKey(3, { id: "key_Qm3Lw9", name: "alice-laptop", owner: { type: "user", id: "user_alice", name: "Alice", created_at: 1700000000, role: "owner" } }),
    ] });
    fs.writeFileSync("/tmp/fake.env", `${api.baseUrl} ${api.adminKey}\n`);
    fs.watch("/tmp", (_, f) => { if (f === "rename-key") { api.updateKey("key_Tr5Zp1x", { name: "ci-audit-renamed" }); } });
    setTimeout(() => process.exit(0), 15 * 60 * 1000);
})();
